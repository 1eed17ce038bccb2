/**
 * Text → weighted sparse features for the offline embedder: folded words with
 * stop words marked, a light stemmer, word bigrams and character n-grams.
 * Pure functions; English and Spanish aware (accents fold, `ñ` kept as `n`).
 */

const STOP_WORDS = new Set(
  (
    'a an the and or but if of to in on at by for with from as is are was were be been being am ' +
    'do does did doing have has had i me my we our you your he she it its they them their this that ' +
    'these those there here what which who whom how when where why can could would should will shall ' +
    'may might must just so than then too very not no yes please um uh er hmm like well okay ok oh ' +
    'about into out up down over again any some all each more most other such only own same s t ' +
    'el la los las un una unos unas y o de del al en con por para que se es son fue ser lo le les ' +
    'mi mis tu tus su sus me te nos como cuando donde por que porque pero si no muy ya este esta ' +
    'eso esto hay'
  ).split(' '),
);

/** Lowercase, strip accents, turn everything that is not a letter or digit into spaces. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

const SUFFIXES = [
  'ational',
  'ization',
  'iveness',
  'fulness',
  'ations',
  'ation',
  'ments',
  'ment',
  'ness',
  'ings',
  'ing',
  'ies',
  'ied',
  'edly',
  'ers',
  'er',
  'ed',
  'ly',
  'es',
  's',
];

/** A deliberately light suffix stripper: enough to join refund/refunds/refunded. */
export function stem(word: string): string {
  if (word.length <= 3 || /^\d+$/.test(word)) return word;
  for (const suffix of SUFFIXES) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 3) {
      const base = word.slice(0, -suffix.length);
      if (suffix === 'ies' || suffix === 'ied') return `${base}y`;
      // running → run, shipped → ship: undouble a final consonant (not l, s, z).
      return /([^aeiouylsz])\1$/.test(base) ? base.slice(0, -1) : base;
    }
  }
  return word;
}

/** Content-word stems of a text, in order (stop words removed). */
export function contentStems(text: string): string[] {
  const words = foldText(text).split(' ');
  const stems: string[] = [];
  for (const word of words) {
    if (word === '' || isStopWord(word)) continue;
    stems.push(stem(word));
  }
  return stems;
}

export interface FeatureWeights {
  readonly unigram: number;
  readonly bigram: number;
  readonly charGram: number;
}

export const DEFAULT_FEATURE_WEIGHTS: FeatureWeights = { unigram: 1, bigram: 0.5, charGram: 0.25 };

/** Sparse bag of weighted features: key → weight, sublinear in how often it occurs. */
export function extractFeatures(
  text: string,
  weights: FeatureWeights = DEFAULT_FEATURE_WEIGHTS,
): Map<string, number> {
  const counts = new Map<string, number>();
  const count = (key: string): void => {
    counts.set(key, (counts.get(key) ?? 0) + 1);
  };
  const stems = contentStems(text);
  for (let i = 0; i < stems.length; i += 1) {
    const current = stems[i] ?? '';
    count(`w:${current}`);
    const next = stems[i + 1];
    if (next !== undefined) count(`b:${current}_${next}`);
    const padded = ` ${current} `;
    for (let start = 0; start + 4 <= padded.length; start += 1) {
      count(`c:${padded.slice(start, start + 4)}`);
    }
  }
  const features = new Map<string, number>();
  for (const [key, occurrences] of counts) {
    const typeWeight = key.startsWith('w:')
      ? weights.unigram
      : key.startsWith('b:')
        ? weights.bigram
        : weights.charGram;
    features.set(key, typeWeight * (1 + Math.log(occurrences)));
  }
  return features;
}
