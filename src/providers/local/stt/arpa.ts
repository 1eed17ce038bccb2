/**
 * A small back-off trigram language model in ARPA text format, estimated from
 * an agent's own sentences with Witten-Bell discounting: a history seen with
 * T distinct next words in C occurrences keeps C/(C+T) of its mass for them
 * and leaves T/(C+T) to the lower order. Unigrams are add-one smoothed over
 * the corpus' words. Interpolated with the general model (domain-lm.ts) it
 * raises the agent's word sequences without forbidding anything else.
 */
const BEGIN = '<s>';
const END = '</s>';
/** log10 probability ARPA files use for "never" (the sentence start as a next word). */
const NEVER = -99;

type Counts = Map<string, Map<string, number>>;

function count(table: Counts, history: string, word: string): void {
  let next = table.get(history);
  if (!next) table.set(history, (next = new Map<string, number>()));
  next.set(word, (next.get(word) ?? 0) + 1);
}

const total = (next: ReadonlyMap<string, number>): number =>
  [...next.values()].reduce((a, b) => a + b, 0);

const log10 = (p: number): string => Math.log10(Math.max(p, 1e-12)).toFixed(4);

/** `sentences`: words of each sentence (no <s>/</s>). Returns the ARPA text. */
export function buildArpa(sentences: readonly (readonly string[])[]): string {
  const unigramCounts = new Map<string, number>();
  const bigrams: Counts = new Map();
  const trigrams: Counts = new Map();
  for (const sentence of sentences) {
    if (sentence.length === 0) continue;
    const words = [BEGIN, ...sentence, END];
    for (const [i, word] of words.entries()) {
      if (i > 0) unigramCounts.set(word, (unigramCounts.get(word) ?? 0) + 1);
      if (i >= 1) count(bigrams, words[i - 1] ?? BEGIN, word);
      if (i >= 2) count(trigrams, `${words[i - 2] ?? BEGIN} ${words[i - 1] ?? BEGIN}`, word);
    }
  }
  if (unigramCounts.size === 0) throw new RangeError('buildArpa needs at least one word');
  const vocabulary = [...unigramCounts.keys()].sort();
  const words = vocabulary.reduce((sum, word) => sum + (unigramCounts.get(word) ?? 0), 0);
  const unigram = new Map(
    vocabulary.map((word) => [
      word,
      ((unigramCounts.get(word) ?? 0) + 1) / (words + vocabulary.length),
    ]),
  );
  // P(w | h) for seen bigrams, and each history's back-off weight to the unigrams.
  const bigram = new Map<string, number>();
  const bigramBackoff = new Map<string, number>();
  for (const [history, next] of bigrams) {
    const seen = total(next);
    const kinds = next.size;
    let lowerSeen = 0;
    for (const [word, c] of next) {
      bigram.set(`${history} ${word}`, c / (seen + kinds));
      lowerSeen += unigram.get(word) ?? 0;
    }
    bigramBackoff.set(history, kinds / (seen + kinds) / Math.max(1e-6, 1 - lowerSeen));
  }
  const bigramOrBackoff = (history: string, word: string): number =>
    bigram.get(`${history} ${word}`) ??
    (bigramBackoff.get(history) ?? 1) * (unigram.get(word) ?? 0);
  const trigram = new Map<string, number>();
  const trigramBackoff = new Map<string, number>();
  for (const [history, next] of trigrams) {
    const seen = total(next);
    const kinds = next.size;
    const last = history.split(' ')[1] ?? BEGIN;
    let lowerSeen = 0;
    for (const [word, c] of next) {
      trigram.set(`${history} ${word}`, c / (seen + kinds));
      lowerSeen += bigramOrBackoff(last, word);
    }
    trigramBackoff.set(history, kinds / (seen + kinds) / Math.max(1e-6, 1 - lowerSeen));
  }
  const lines = [
    '\\data\\',
    `ngram 1=${vocabulary.length + 1}`,
    `ngram 2=${bigram.size}`,
    `ngram 3=${trigram.size}`,
    '',
    '\\1-grams:',
    `${NEVER.toFixed(4)} ${BEGIN} ${log10(bigramBackoff.get(BEGIN) ?? 1)}`,
    ...vocabulary.map((word) => {
      const backoff = bigramBackoff.get(word);
      const p = log10(unigram.get(word) ?? 0);
      return backoff === undefined ? `${p} ${word}` : `${p} ${word} ${log10(backoff)}`;
    }),
    '',
    '\\2-grams:',
    ...[...bigram].map(([pair, p]) => {
      const backoff = trigramBackoff.get(pair);
      return backoff === undefined
        ? `${log10(p)} ${pair}`
        : `${log10(p)} ${pair} ${log10(backoff)}`;
    }),
    '',
    '\\3-grams:',
    ...[...trigram].map(([triple, p]) => `${log10(p)} ${triple}`),
    '',
    '\\end\\',
    '',
  ];
  return lines.join('\n');
}
