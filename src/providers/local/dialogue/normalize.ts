import {
  DIGIT_WORDS,
  HUNDRED_WORDS,
  HUNDREDS_WORDS,
  SCALE_WORDS,
  TEEN_WORDS,
  TENS_WORDS,
} from './number-words.ts';

/**
 * Text → tokens for matching: lowercase, accents folded, apostrophes dropped,
 * hesitation fillers removed. Each token keeps its span in the original text
 * so a `text` slot can return the user's own words.
 */
export interface Token {
  /** Folded form: lowercase, no accents, no apostrophes. */
  readonly text: string;
  readonly stem: string;
  readonly stop: boolean;
  /** A figure: `42`, `3.5`. */
  readonly numeric: boolean;
  /** A number word ("four", "oh", "thirty", "cuatro"): says a value, not what is wanted. */
  readonly numberWord: boolean;
  /** Character offsets in the original text. */
  readonly start: number;
  readonly end: number;
}

const FILLERS = new Set([
  'um',
  'umm',
  'uh',
  'uhh',
  'uhm',
  'er',
  'erm',
  'eh',
  'ehh',
  'ah',
  'ahh',
  'hm',
  'hmm',
  'mm',
  'mmm',
  'mhm',
]);

// English and Spanish function words: they count for little when matching intents.
const STOP_WORDS = new Set(
  (
    'a an the i im me my mine you your we our us it its is are was were be been am to of and or ' +
    'in on at for with this that these those can could would will should do does did please ' +
    'hi hello hey so just ok okay well some any there here have has had get got let lets ' +
    'el la los las un una unos unas de del y o al en que por para con me mi mis te tu tus se ' +
    'lo le les es son esta estan este esto eso ese su sus nos hola favor pues bueno vale muy'
  ).split(' '),
);

// Words that only say a number (not "for", "to", "una", "double", nor Spanish "once":
// those are ordinary words too).
const NUMBER_WORDS = new Set(
  [
    ...DIGIT_WORDS.keys(),
    ...TEEN_WORDS.keys(),
    ...TENS_WORDS.keys(),
    ...HUNDREDS_WORDS.keys(),
    ...SCALE_WORDS.keys(),
    ...HUNDRED_WORDS,
  ].filter((word) => word !== 'once'),
);

// English and Spanish endings, longest first; one is stripped.
const SUFFIXES = ['ciones', 'cion', 'mente', 'ing', 'ed', 'es', 'os', 'as', 's', 'o', 'a', 'e'];

/** Lowercase, accents removed (`canción` → `cancion`), apostrophes dropped. */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/['’`]/g, '');
}

/** A light stemmer for English and Spanish: strips one common suffix from longer words. */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  for (const suffix of SUFFIXES) {
    if (word.length - suffix.length >= 3 && word.endsWith(suffix)) {
      return word.slice(0, -suffix.length);
    }
  }
  return word;
}

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

/** Splits text into folded tokens; figures keep inner `.`/`,` (`3.5`, `3,5`). */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(/\p{N}+(?:[.,]\p{N}+)*|[\p{L}\p{N}'’]+/gu)) {
    const folded = foldText(match[0]);
    if (folded === '' || FILLERS.has(folded)) continue;
    const start = match.index;
    tokens.push({
      text: folded,
      stem: stem(folded),
      stop: STOP_WORDS.has(folded),
      numeric: /^\d/.test(folded),
      numberWord: NUMBER_WORDS.has(folded),
      start,
      end: start + match[0].length,
    });
  }
  return tokens;
}

/** Shortest word two heard pieces are joined into ("re fund" → "refund"). */
const MIN_JOINED_CHARS = 5;

/**
 * Joins two neighbouring words a recogniser split ("re fund", "pass word",
 * "tech nician") when together they make a word of `vocabulary` (stems of the
 * words the script or the passages use) and not both pieces are words of it.
 */
export function joinSplitWords(tokens: readonly Token[], vocabulary: ReadonlySet<string>): Token[] {
  const joined: Token[] = [];
  for (let index = 0; index < tokens.length; index++) {
    const first = tokens[index];
    const second = tokens[index + 1];
    if (first === undefined) continue;
    const text = second === undefined ? '' : first.text + second.text;
    const pieces =
      second !== undefined &&
      !first.numeric &&
      !second.numeric &&
      !(vocabulary.has(first.stem) && vocabulary.has(second.stem));
    if (
      second !== undefined &&
      pieces &&
      text.length >= MIN_JOINED_CHARS &&
      vocabulary.has(stem(text))
    ) {
      joined.push({
        text,
        stem: stem(text),
        stop: STOP_WORDS.has(text),
        numeric: false,
        numberWord: false,
        start: first.start,
        end: second.end,
      });
      index++;
    } else {
      joined.push(first);
    }
  }
  return joined;
}

/** The stems of every word in `phrases`, for `joinSplitWords`. */
export function stemsOf(phrases: Iterable<string>): Set<string> {
  const stems = new Set<string>();
  for (const phrase of phrases) for (const token of tokenize(phrase)) stems.add(token.stem);
  return stems;
}
