import { BUILTIN_SLOTS, normalisePhrase } from './jsgf.ts';

/**
 * Sentences drawn from phrases in the vocabulary syntax (`[optional]`,
 * `( a | b )`, `{slot}`), for estimating an agent's language model: each
 * phrase gives up to `perPhrase` distinct sentences, drawn with a fixed seed
 * so the model is the same on every start.
 */
type Node =
  | { readonly kind: 'word'; readonly word: string }
  | { readonly kind: 'optional'; readonly body: Node[] }
  | { readonly kind: 'choice'; readonly options: Node[][] }
  | { readonly kind: 'slot'; readonly name: string };

function parse(tokens: readonly string[]): Node[] {
  let at = 0;
  const sequence = (stop: ReadonlySet<string>): Node[] => {
    const nodes: Node[] = [];
    while (at < tokens.length && !stop.has(tokens[at] ?? '')) {
      const token = tokens[at++] ?? '';
      if (token === '[') {
        nodes.push({ kind: 'optional', body: sequence(new Set([']'])) });
        at++;
      } else if (token === '(') {
        const options = [sequence(new Set(['|', ')']))];
        while (tokens[at] === '|') {
          at++;
          options.push(sequence(new Set(['|', ')'])));
        }
        at++;
        nodes.push({ kind: 'choice', options });
      } else if (/^\{[a-z0-9_]+\}$/.test(token)) {
        nodes.push({ kind: 'slot', name: token.slice(1, -1) });
      } else if (token !== ']' && token !== ')' && token !== '|') {
        nodes.push({ kind: 'word', word: token });
      }
    }
    return nodes;
  };
  return sequence(new Set());
}

/** mulberry32: a small seeded generator, so samples are reproducible. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const alternativesOf = (expansion: string): string[] =>
  expansion
    .replace(/[()+]/g, ' ')
    .split('|')
    .map((word) => word.trim())
    .filter(Boolean);

const DIGITS = alternativesOf(BUILTIN_SLOTS['digit'] ?? '');
const NUMBER_PHRASES = [
  'seven',
  'three',
  'twelve',
  'forty two',
  'ninety five',
  'seventy',
  'one hundred',
  'one hundred and thirty',
  'two hundred and five',
  'six point one',
  'seven point two',
];

function slotWords(name: string, random: () => number): string[] {
  const pick = <T>(items: readonly T[]): T | undefined =>
    items[Math.floor(random() * items.length)];
  if (name === 'digit') return [pick(DIGITS) ?? 'one'];
  if (name === 'digits') {
    const length = 3 + Math.floor(random() * 4);
    return Array.from({ length }, () => pick(DIGITS) ?? 'one');
  }
  return (pick(NUMBER_PHRASES) ?? 'seven').split(' ');
}

function draw(nodes: readonly Node[], random: () => number): string[] {
  const words: string[] = [];
  for (const node of nodes) {
    if (node.kind === 'word') words.push(node.word);
    else if (node.kind === 'slot') words.push(...slotWords(node.name, random));
    else if (node.kind === 'optional') {
      if (random() < 0.5) words.push(...draw(node.body, random));
    } else {
      const option = node.options[Math.floor(random() * node.options.length)] ?? [];
      words.push(...draw(option, random));
    }
  }
  return words;
}

export function samplePhrases(phrases: readonly string[], perPhrase = 24): string[][] {
  const random = seeded(0x5eed);
  const sentences: string[][] = [];
  for (const phrase of phrases) {
    const nodes = parse(normalisePhrase(phrase).split(' ').filter(Boolean));
    const seen = new Set<string>();
    for (let attempt = 0; attempt < perPhrase * 2 && seen.size < perPhrase; attempt++) {
      const words = draw(nodes, random);
      const key = words.join(' ');
      if (words.length === 0 || seen.has(key)) continue;
      seen.add(key);
      sentences.push(words);
    }
  }
  return sentences;
}
