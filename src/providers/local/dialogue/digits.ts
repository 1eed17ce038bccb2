import type { Token } from './normalize.ts';
import { readCardinal } from './quantity.ts';
import {
  AMBIGUOUS_DIGIT_WORDS,
  CONNECTOR_WORDS,
  DIGIT_WORDS,
  HUNDRED_WORDS,
  REPEAT_WORDS,
  SCALE_WORDS,
  SEPARATOR_WORDS,
  TEEN_WORDS,
  TENS_WORDS,
} from './number-words.ts';

/** One stretch of dictated digits: tokens [start, end) read as `digits`. */
export interface DigitRun {
  readonly digits: string;
  readonly start: number;
  readonly end: number;
  /**
   * An "oh" closing the run was left out ("eight two two zero oh" → 8220): a
   * recogniser often hears one in the breath after a number, but it may be a zero.
   */
  readonly doubtful?: boolean;
}

interface DigitUnit {
  readonly digits: string;
  readonly length: number;
  readonly ambiguous: boolean;
  /** "oh" opening a run is as often an interjection ("oh, four five seven one") as a zero. */
  readonly oh?: boolean;
}

function singleDigit(word: string | undefined): number | undefined {
  if (word === undefined) return undefined;
  return DIGIT_WORDS.get(word) ?? (/^\d$/.test(word) ? Number(word) : undefined);
}

/** Reads one spoken unit at `index`: a digit, a figure, "double five", "forty five", "two hundred". */
function readUnit(words: readonly string[], index: number): DigitUnit | undefined {
  const word = words[index];
  if (word === undefined) return undefined;
  const next = words[index + 1];
  const repeat = REPEAT_WORDS.get(word);
  const repeated = singleDigit(next);
  if (repeat !== undefined && repeated !== undefined) {
    return { digits: String(repeated).repeat(repeat), length: 2, ambiguous: false };
  }
  if (/^\d+$/.test(word)) return { digits: word, length: 1, ambiguous: false };
  // A figure written with thousands separators, as an ASR or a keyboard formats it: "8,220".
  if (/^\d{1,3}(?:[,.]\d{3})+$/.test(word)) {
    return { digits: word.replace(/[,.]/g, ''), length: 1, ambiguous: false };
  }
  const tens = TENS_WORDS.get(word);
  if (tens !== undefined) {
    // "forty five" → 45, Spanish "treinta y dos" → 32, "forty" → 40.
    const joined = next !== undefined && CONNECTOR_WORDS.has(next) ? 2 : 1;
    const unit = singleDigit(words[index + joined]);
    if (unit !== undefined && unit > 0) {
      return { digits: String(tens + unit), length: joined + 1, ambiguous: false };
    }
    return { digits: String(tens), length: 1, ambiguous: false };
  }
  const teen = TEEN_WORDS.get(word);
  if (teen !== undefined) return { digits: String(teen), length: 1, ambiguous: false };
  const digit = DIGIT_WORDS.get(word);
  const ambiguousDigit = AMBIGUOUS_DIGIT_WORDS.get(word);
  const value = digit ?? ambiguousDigit;
  if (value === undefined) return undefined;
  // A number said as a cardinal: "four thousand five hundred and seventy one" → 4571
  // (not 4000, 500 and 71 run together).
  if (next !== undefined && (HUNDRED_WORDS.has(next) || SCALE_WORDS.has(next))) {
    const cardinal = readCardinal(words, index);
    if (cardinal !== undefined && cardinal.next > index + 2) {
      return { digits: String(cardinal.value), length: cardinal.next - index, ambiguous: false };
    }
    // "two hundred" → 200, "five thousand" → 5000 (as in part numbers).
    const zeros = HUNDRED_WORDS.has(next) ? 2 : String(SCALE_WORDS.get(next)).length - 1;
    return { digits: String(value) + '0'.repeat(zeros), length: 2, ambiguous: false };
  }
  return { digits: String(value), length: 1, ambiguous: digit === undefined, oh: word === 'oh' };
}

/**
 * Drops homophone digits ("for", "to") and an "oh" at either end of a run while
 * enough digits remain: "my number is oh four five seven one" → 4571 when four
 * digits are enough, "oh four five seven" → 0457 when they are not. A closing
 * "oh" left out makes the run doubtful (it may have been a zero).
 */
function trimAmbiguousEdges(
  units: DigitUnit[],
  minDigits: number,
): { from: number; to: number; doubtful: boolean } {
  let from = 0;
  let to = units.length;
  let doubtful = false;
  const digitsIn = (a: number, b: number) =>
    units.slice(a, b).reduce((sum, unit) => sum + unit.digits.length, 0);
  const droppable = (unit: DigitUnit | undefined) => unit?.ambiguous === true || unit?.oh === true;
  while (from < to && droppable(units[from]) && digitsIn(from + 1, to) >= minDigits) from++;
  while (to > from && droppable(units[to - 1]) && digitsIn(from, to - 1) >= minDigits) {
    if (units[to - 1]?.oh === true) doubtful = true;
    to--;
  }
  return { from, to, doubtful };
}

/** Every run of dictated digits in the tokens ("four five seven one", "4 5 7 1", "double five"). */
export function findDigitRuns(tokens: readonly Token[], minDigits = 1): DigitRun[] {
  const words = tokens.map((token) => token.text);
  const runs: DigitRun[] = [];
  let index = 0;
  while (index < words.length) {
    const units: DigitUnit[] = [];
    const starts: number[] = [];
    let cursor = index;
    for (;;) {
      const unit = readUnit(words, cursor);
      if (unit !== undefined) {
        units.push(unit);
        starts.push(cursor);
        cursor += unit.length;
        continue;
      }
      const word = words[cursor];
      const resumes = word !== undefined && SEPARATOR_WORDS.has(word) && units.length > 0;
      if (resumes && readUnit(words, cursor + 1) !== undefined) {
        cursor++;
        continue;
      }
      break;
    }
    if (units.length === 0) {
      index++;
      continue;
    }
    const { from, to, doubtful } = trimAmbiguousEdges(units, minDigits);
    const kept = units.slice(from, to);
    const allAmbiguous = kept.every((unit) => unit.ambiguous);
    if (kept.length > 0 && !allAmbiguous) {
      const lastStart = starts[to - 1] ?? cursor;
      runs.push({
        digits: kept.map((unit) => unit.digits).join(''),
        start: starts[from] ?? index,
        end: lastStart + (units[to - 1]?.length ?? 1),
        ...(doubtful ? { doubtful } : {}),
      });
    }
    index = cursor;
  }
  return runs;
}
