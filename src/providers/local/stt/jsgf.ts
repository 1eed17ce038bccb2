const DIGIT = '( zero | oh | one | two | three | four | five | six | seven | eight | nine )';
const NUMBER_WORD =
  '( zero | one | two | three | four | five | six | seven | eight | nine | ten | eleven | twelve' +
  ' | thirteen | fourteen | fifteen | sixteen | seventeen | eighteen | nineteen | twenty | thirty' +
  ' | forty | fifty | sixty | seventy | eighty | ninety | hundred | thousand | and )';

/**
 * One or more of `expansion`, written `X X*`: libpocketsphinx 5prealpha compiles
 * `X+` with its loop back into the enclosing alternatives, so with the phrases
 * `{digits}` and `technician` the grammar accepted "five eight technician"
 * (and fitted noise or "i need a" as digits before a keyword); `X X*` is
 * compiled as written (see noise.test.ts and jsgf.test.ts).
 */
const oneOrMore = (expansion: string): string => `${expansion} ${expansion}*`;

/** Built-in slots a phrase may name as `{slot}`. Values are JSGF expansions. */
export const BUILTIN_SLOTS: Readonly<Record<string, string>> = {
  digit: DIGIT,
  digits: oneOrMore(DIGIT),
  number: oneOrMore(NUMBER_WORD),
};

export interface PhrasesToJsgfOptions {
  /** Name after `grammar` in the header; default `parley`. */
  readonly grammarName?: string;
  /** Extra slots: name → alternatives, e.g. `{ drink: ['coffee', 'green tea'] }`. */
  readonly slots?: Readonly<Record<string, readonly string[]>>;
}

const SLOT = /\{([a-z][a-z0-9_]*)\}/g;

/**
 * Builds a JSGF grammar whose public rule `<phrase>` matches any one of
 * `phrases`. Phrases are lower-cased words; `[words]` marks an optional part,
 * `( a | b )` alternatives, and `{slot}` a slot (built-in `digit`, `digits`,
 * `number`, or one given in `options.slots`). Other punctuation is dropped.
 */
export function phrasesToJsgf(
  phrases: readonly string[],
  options: PhrasesToJsgfOptions = {},
): string {
  const slotRules = new Map<string, string>();
  const alternatives: string[] = [];
  for (const phrase of phrases) {
    const body = normalisePhrase(phrase).replace(SLOT, (_match, name: string) => {
      slotRules.set(name, slotExpansion(name, options.slots));
      return `<${name}>`;
    });
    if (body && !alternatives.includes(body)) alternatives.push(body);
  }
  if (alternatives.length === 0)
    throw new RangeError('phrasesToJsgf needs at least one phrase with words');
  const lines = [
    '#JSGF V1.0;',
    `grammar ${options.grammarName ?? 'parley'};`,
    `public <phrase> = ${alternatives.map((alt) => `( ${alt} )`).join(' | ')};`,
    ...[...slotRules].map(([name, expansion]) => `<${name}> = ${expansion};`),
  ];
  return `${lines.join('\n')}\n`;
}

/** Lower-cases, keeps words, apostrophes and the JSGF marks `[ ] ( ) |` and `{slot}`. */
export function normalisePhrase(phrase: string): string {
  return phrase
    .toLowerCase()
    .replace(/[^a-z0-9'_{}[\]()|\s-]/g, ' ')
    .replace(/-/g, ' ')
    .replace(/([[\]()|])/g, ' $1 ')
    .replace(/\s+/g, ' ')
    .trim();
}

function slotExpansion(name: string, slots: PhrasesToJsgfOptions['slots']): string {
  const custom = slots?.[name];
  if (custom) return `( ${custom.map(normalisePhrase).join(' | ')} )`;
  const builtin = BUILTIN_SLOTS[name];
  if (builtin) return builtin;
  throw new RangeError(`unknown slot {${name}}: give it in options.slots`);
}

const JSGF_KEYWORDS = new Set(['public', 'grammar', 'import']);

/** The words a JSGF grammar can produce (rule names, tags, weights and headers removed). */
export function wordsOfJsgf(jsgf: string): string[] {
  const text = jsgf
    .replace(/\/\/.*$/gm, ' ')
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/^\s*(#JSGF|grammar|import)[^;]*;/gm, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\/[^/]*\//g, ' ')
    .replace(/[()[\]|*+;=]/g, ' ');
  const words = text.split(/\s+/).filter((word) => word && !JSGF_KEYWORDS.has(word));
  return [...new Set(words)];
}
