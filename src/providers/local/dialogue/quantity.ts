import type { Token } from './normalize.ts';
import {
  AMBIGUOUS_DIGIT_WORDS,
  CONNECTOR_WORDS,
  DECIMAL_WORDS,
  DIGIT_WORDS,
  HUNDRED_WORDS,
  HUNDREDS_WORDS,
  MINUS_WORDS,
  REPEAT_WORDS,
  SCALE_WORDS,
  TEEN_WORDS,
  TENS_WORDS,
} from './number-words.ts';

/** A spoken quantity found in tokens [start, end). */
export interface Quantity {
  readonly value: number;
  readonly start: number;
  readonly end: number;
}

type Kind = 'unit' | 'teen' | 'tens' | 'hundred' | 'scale';

// Which kind of number word may follow which: "forty five", "two hundred and six", but not "two five".
const FOLLOWS: Readonly<Record<Kind | 'start', readonly Kind[]>> = {
  start: ['unit', 'teen', 'tens', 'hundred'],
  unit: ['hundred', 'scale'],
  teen: ['hundred', 'scale'],
  tens: ['unit', 'scale'],
  hundred: ['unit', 'teen', 'tens', 'scale'],
  scale: ['unit', 'teen', 'tens', 'hundred'],
};

function classify(word: string | undefined): { kind: Kind; value: number } | undefined {
  if (word === undefined) return undefined;
  const unit = DIGIT_WORDS.get(word);
  if (unit !== undefined) return { kind: 'unit', value: unit };
  const teen = TEEN_WORDS.get(word);
  if (teen !== undefined) return { kind: 'teen', value: teen };
  const tens = TENS_WORDS.get(word);
  if (tens !== undefined) return { kind: 'tens', value: tens };
  const hundreds = HUNDREDS_WORDS.get(word);
  if (hundreds !== undefined) return { kind: 'hundred', value: hundreds };
  if (HUNDRED_WORDS.has(word)) return { kind: 'hundred', value: 0 };
  const scale = SCALE_WORDS.get(word);
  if (scale !== undefined) return { kind: 'scale', value: scale };
  return undefined;
}

function parseFigure(word: string): number | undefined {
  if (!/^\d/.test(word)) return undefined;
  // "3,500" is thousands; "3,5" and "3.5" are decimals.
  const normalised = /^\d{1,3}(,\d{3})+$/.test(word)
    ? word.replace(/,/g, '')
    : word.replace(',', '.');
  const value = Number(normalised);
  return Number.isFinite(value) ? value : undefined;
}

/** Reads cardinal words from `index`; returns the value and the index after them. */
export function readCardinal(
  words: readonly string[],
  index: number,
): { value: number; next: number } | undefined {
  let total = 0;
  let group = 0;
  let previous: Kind | 'start' = 'start';
  let cursor = index;
  if (words[cursor] === 'a' && classify(words[cursor + 1])?.kind === 'hundred') cursor++;
  // Colloquial hundreds: "one thirty" → 130, "two fifteen" → 215, "fourteen fifty" → 1450
  // ("hundred" is implied).
  const first = classify(words[cursor]);
  const second = classify(words[cursor + 1])?.kind;
  // Not "ten": "ten thirty" is as often two numbers run together as 1030.
  const leads = first?.kind === 'unit' || (first?.kind === 'teen' && first.value > 10);
  if (leads && first.value > 0 && (second === 'tens' || second === 'teen')) {
    group = first.value * 100;
    previous = 'hundred';
    cursor++;
  }
  for (;;) {
    let word = words[cursor];
    let skip = 0;
    if (word !== undefined && CONNECTOR_WORDS.has(word) && previous !== 'start') {
      word = words[cursor + 1];
      skip = 1;
    }
    const current = classify(word);
    if (current === undefined || !FOLLOWS[previous].includes(current.kind)) break;
    if (current.kind === 'scale') {
      total += Math.max(group, 1) * current.value;
      group = 0;
    } else if (current.kind === 'hundred' && current.value === 0) {
      group = Math.max(group, 1) * 100;
    } else {
      group += current.value;
    }
    previous = current.kind;
    cursor += 1 + skip;
  }
  return previous === 'start' ? undefined : { value: total + group, next: cursor };
}

/** Reads the fraction after "point" / "coma": digit words, "double four" or a figure, each a decimal place. */
function readFraction(words: readonly string[], index: number): { digits: string; next: number } {
  let digits = '';
  let cursor = index;
  for (;;) {
    const word = words[cursor];
    if (word === undefined) break;
    const repeat = REPEAT_WORDS.get(word);
    const repeated = DIGIT_WORDS.get(words[cursor + 1] ?? '');
    if (repeat !== undefined && repeated !== undefined) {
      // "point double four" → .44
      digits += String(repeated).repeat(repeat);
      cursor += 2;
      continue;
    }
    const digit = DIGIT_WORDS.get(word) ?? AMBIGUOUS_DIGIT_WORDS.get(word);
    if (digit !== undefined && !(digits === '' && AMBIGUOUS_DIGIT_WORDS.has(word))) {
      digits += String(digit);
    } else if (/^\d+$/.test(word)) {
      digits += word;
    } else break;
    cursor++;
  }
  return { digits, next: cursor };
}

/** Spoken fractions after a whole number: "and a half", "and a quarter", "y medio". */
const FRACTION_PHRASES: readonly (readonly [readonly string[], number])[] = [
  [['and', 'a', 'half'], 0.5],
  [['and', 'one', 'half'], 0.5],
  [['and', 'a', 'quarter'], 0.25],
  [['and', 'three', 'quarters'], 0.75],
  [['y', 'medio'], 0.5],
  [['y', 'media'], 0.5],
  [['y', 'cuarto'], 0.25],
];

function fractionAfter(
  words: readonly string[],
  index: number,
): { value: number; next: number } | undefined {
  for (const [phrase, value] of FRACTION_PHRASES) {
    if (phrase.every((word, offset) => words[index + offset] === word)) {
      return { value, next: index + phrase.length };
    }
  }
  return undefined;
}

/** Every spoken quantity: "seven point two", "ninety five", "3.5", "siete coma dos", "minus four". */
export function findQuantities(tokens: readonly Token[]): Quantity[] {
  const words = tokens.map((token) => token.text);
  const found: Quantity[] = [];
  let index = 0;
  while (index < words.length) {
    const word = words[index] ?? '';
    const negative = MINUS_WORDS.has(word);
    const at = negative ? index + 1 : index;
    const figure = parseFigure(words[at] ?? '');
    // "point five" → 0.5: the whole part left unsaid.
    const bare = DECIMAL_WORDS.has(words[at] ?? '') ? readFraction(words, at + 1) : undefined;
    const whole =
      figure !== undefined
        ? { value: figure, next: at + 1 }
        : bare !== undefined && bare.digits !== ''
          ? { value: Number(`0.${bare.digits}`), next: bare.next }
          : readCardinal(words, at);
    if (whole === undefined) {
      index++;
      continue;
    }
    let value = whole.value;
    let next = whole.next;
    if (DECIMAL_WORDS.has(words[next] ?? '') && Number.isInteger(value)) {
      const fraction = readFraction(words, next + 1);
      if (fraction.digits !== '') {
        value = Number(`${value}.${fraction.digits}`);
        next = fraction.next;
      }
    }
    // "seven and a half" → 7.5, "siete y medio" → 7.5.
    const part = Number.isInteger(value) ? fractionAfter(words, next) : undefined;
    if (part !== undefined) {
      value += part.value;
      next = part.next;
    }
    found.push({ value: negative ? -value : value, start: index, end: next });
    index = next;
  }
  return found;
}
