/**
 * Word timings from an engine's timed phones (flite's `-psdur`): each word's
 * own phones (from the same engine, one word at a time) are aligned to the
 * timed phone sequence by edit distance, so the word-level times are the
 * engine's own, exact to the phone, even where connected speech changes a
 * phone or two.
 */
import type { AlignedWord } from './word-align.ts';

export interface TimedPhone {
  readonly phone: string;
  readonly startMs: number;
  readonly endMs: number;
}

const PAUSE = 'pau';

/** Parses `pau:0.220 hh:0.295 …` (phone:end seconds) into timed phones. */
export function parseTimedPhones(output: string): TimedPhone[] {
  const phones: TimedPhone[] = [];
  let startMs = 0;
  for (const token of output.trim().split(/\s+/)) {
    const match = /^([^:\s]+):(\d+(?:\.\d+)?)$/.exec(token);
    if (!match?.[1] || !match[2]) continue;
    const endMs = Math.round(Number(match[2]) * 1000);
    phones.push({ phone: match[1], startMs, endMs });
    startMs = endMs;
  }
  return phones;
}

/** Splits `pau y ao r pau ao r …` into the phone groups between pauses. */
export function phoneGroups(output: string): string[][] {
  const groups: string[][] = [[]];
  for (const phone of output.trim().split(/\s+/)) {
    if (phone === PAUSE) groups.push([]);
    else if (phone !== '') groups.at(-1)?.push(phone);
  }
  return groups.filter((group) => group.length > 0);
}

/**
 * Gives each word the span of the timed phones aligned to its own phones.
 * Returns undefined when the inputs cannot belong together.
 */
export function wordsFromPhones(
  words: readonly string[],
  wordPhones: readonly (readonly string[])[],
  timed: readonly TimedPhone[],
): AlignedWord[] | undefined {
  if (words.length !== wordPhones.length || words.length === 0) return undefined;
  const labelled = wordPhones.flatMap((phones, word) => phones.map((phone) => ({ phone, word })));
  const spoken = timed.filter((phone) => phone.phone !== PAUSE);
  if (labelled.length === 0 || spoken.length === 0) return undefined;
  const owner = alignLabels(labelled, spoken);
  const spans = words.map(() => ({ startMs: Infinity, endMs: -Infinity }));
  spoken.forEach((phone, index) => {
    const span = spans[owner[index] ?? 0];
    if (!span) return;
    span.startMs = Math.min(span.startMs, phone.startMs);
    span.endMs = Math.max(span.endMs, phone.endMs);
  });
  let previousEndMs = spoken[0]?.startMs ?? 0;
  return words.map((word, index) => {
    const span = spans[index] ?? { startMs: Infinity, endMs: -Infinity };
    // A word whose phones all vanished in connected speech gets a zero-length slot.
    const startMs = Number.isFinite(span.startMs)
      ? Math.max(span.startMs, previousEndMs)
      : previousEndMs;
    const endMs = Number.isFinite(span.endMs) ? Math.max(span.endMs, startMs) : startMs;
    previousEndMs = endMs;
    return { word, startMs, endMs };
  });
}

/** Edit-distance alignment; returns, for each spoken phone, the word it belongs to. */
function alignLabels(
  labelled: readonly { readonly phone: string; readonly word: number }[],
  spoken: readonly TimedPhone[],
): number[] {
  const rows = labelled.length + 1;
  const cols = spoken.length + 1;
  const cost = new Uint32Array(rows * cols);
  for (let i = 0; i < rows; i++) cost[i * cols] = i;
  for (let j = 0; j < cols; j++) cost[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const same = labelled[i - 1]?.phone === spoken[j - 1]?.phone ? 0 : 1;
      cost[i * cols + j] = Math.min(
        (cost[(i - 1) * cols + j - 1] ?? 0) + same,
        (cost[(i - 1) * cols + j] ?? 0) + 1,
        (cost[i * cols + j - 1] ?? 0) + 1,
      );
    }
  }
  const owner = new Array<number>(spoken.length).fill(-1);
  let i = rows - 1;
  let j = cols - 1;
  while (i > 0 && j > 0) {
    const here = cost[i * cols + j] ?? 0;
    const same = labelled[i - 1]?.phone === spoken[j - 1]?.phone ? 0 : 1;
    if (here === (cost[(i - 1) * cols + j - 1] ?? 0) + same) {
      owner[j - 1] = labelled[i - 1]?.word ?? 0;
      i--;
      j--;
    } else if (here === (cost[(i - 1) * cols + j] ?? 0) + 1) i--;
    else {
      owner[j - 1] = labelled[Math.max(0, i - 1)]?.word ?? 0;
      j--;
    }
  }
  // Spoken phones left before the first aligned one belong to the first word.
  return owner.map((word) => Math.max(0, word));
}
