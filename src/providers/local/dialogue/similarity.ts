import { doubleMetaphone } from 'double-metaphone';
import type { Token } from './normalize.ts';

/** Weight of a token when matching: content words count, function words, figures and number words barely. */
export function tokenWeight(token: Token): number {
  if (token.numeric || token.numberWord) return 0.1;
  return token.stop ? 0.25 : 1;
}

/** Words longer than this are compared exactly (keeps the edit distance cheap). */
const MAX_FUZZY_WORD_CHARS = 24;
/** Below this similarity a near spelling earns nothing (so longer edits need not be counted). */
const MIN_NEAR_SPELLING = 0.7;

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * How alike two words are, 0–1: 1 for the same stem, partial credit for a
 * near spelling (ASR slips such as "ordr"/"order"), 0 otherwise.
 */
export function wordSimilarity(a: Token, b: Token): number {
  if (a.stem === b.stem || a.text === b.text) return 1;
  const key = `${a.text} ${b.text}`;
  const known = nearSpellings.get(key);
  if (known !== undefined) return known;
  const similarity = nearSpelling(a, b);
  if (nearSpellings.size >= MAX_REMEMBERED_PAIRS) nearSpellings.clear();
  nearSpellings.set(key, similarity);
  return similarity;
}

/** Word pairs already compared (script words meet the same heard words again and again). */
const nearSpellings = new Map<string, number>();
const MAX_REMEMBERED_PAIRS = 50_000;

/**
 * Credit for two different spellings that sound alike ("humane"/"human"):
 * below the 0.8 a keyword or an enum value needs, since short words' codes
 * collide ("motor"/"meter"); intent-matcher.ts lets long keywords match by sound.
 */
const SOUNDS_ALIKE = 0.75;
/** Words shorter than this are not compared by sound (too many short words sound alike). */
const MIN_SOUND_CHARS = 4;
const sounds = new Map<string, readonly [string, string]>();

/** Double Metaphone codes of a word, remembered (the script's words come up again and again). */
function soundOf(word: string): readonly [string, string] {
  let codes = sounds.get(word);
  if (codes === undefined) {
    if (sounds.size >= MAX_REMEMBERED_PAIRS) sounds.clear();
    codes = doubleMetaphone(word);
    sounds.set(word, codes);
  }
  return codes;
}

/**
 * Whether two words sound alike by their Double Metaphone codes: how a
 * recogniser's slips look ("refunds"/"re funds" aside, "humane" for "human",
 * "oder" for "order"). Codes of two consonants or more only.
 */
export function soundsAlike(a: string, b: string): boolean {
  if (Math.min(a.length, b.length) < MIN_SOUND_CHARS) return false;
  const [primaryA, secondaryA] = soundOf(a);
  const [primaryB, secondaryB] = soundOf(b);
  if (primaryA.length < 2) return false;
  return primaryA === primaryB || primaryA === secondaryB || secondaryA === primaryB;
}

function nearSpelling(a: Token, b: Token): number {
  const longest = Math.max(a.text.length, b.text.length);
  if (longest < 4 || longest > MAX_FUZZY_WORD_CHARS || a.numeric || b.numeric) return 0;
  if (soundsAlike(a.text, b.text)) return SOUNDS_ALIKE;
  // The length difference alone bounds the distance from below: skip pairs that cannot be near.
  if (1 - Math.abs(a.text.length - b.text.length) / longest < MIN_NEAR_SPELLING) return 0;
  const similarity = 1 - editDistance(a.text, b.text) / longest;
  return similarity >= MIN_NEAR_SPELLING ? similarity * 0.9 : 0;
}

function trigrams(text: string): Set<string> {
  const padded = `  ${text} `;
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
  return grams;
}

/** Dice coefficient over character trigrams: robust to split or merged words. */
export function trigramSimilarity(a: string, b: string): number {
  const gramsA = trigrams(a);
  const gramsB = trigrams(b);
  if (gramsA.size === 0 || gramsB.size === 0) return 0;
  let shared = 0;
  for (const gram of gramsA) if (gramsB.has(gram)) shared++;
  return (2 * shared) / (gramsA.size + gramsB.size);
}

/** Weighted share of `target`'s tokens that have a close match among `source`'s. */
export function coverage(target: readonly Token[], source: readonly Token[]): number {
  let total = 0;
  let covered = 0;
  for (const token of target) {
    const weight = tokenWeight(token);
    total += weight;
    let best = 0;
    for (const candidate of source) best = Math.max(best, wordSimilarity(token, candidate));
    covered += weight * best;
  }
  return total === 0 ? 0 : covered / total;
}

/**
 * How well an utterance matches an example phrase, 0–1: mostly how much of the
 * example it covers, some how much of the utterance the example explains,
 * and a character-trigram term for spellings the tokens miss.
 */
export function phraseSimilarity(utterance: readonly Token[], example: readonly Token[]): number {
  const words = utterance.filter((token) => !token.numeric);
  if (words.length === 0 || example.length === 0) return 0;
  const recall = coverage(example, words);
  const precision = coverage(words, example);
  const joined = (tokens: readonly Token[]) =>
    tokens
      .filter((token) => !token.stop)
      .map((token) => token.text)
      .join(' ');
  const characters = trigramSimilarity(joined(words), joined(example));
  return 0.5 * recall + 0.25 * precision + 0.25 * characters;
}
