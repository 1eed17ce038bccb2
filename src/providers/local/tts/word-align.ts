/**
 * Estimates word timings for one synthesised segment from its text and audio,
 * for engines whose CLI gives no word events. Words share the voiced extent of
 * the audio in proportion to their estimated syllables; then the longest pauses
 * in the audio (≥ 70 ms below the voicing level) pin the nearest word boundary.
 * Accuracy on espeak-ng/flite speech: boundaries at pauses are exact to ~10 ms;
 * others are typically within ±100 ms (a syllable), worse on numbers or
 * abbreviations that are read out longer than they are written.
 */
export interface AlignedWord {
  readonly word: string;
  readonly startMs: number;
  readonly endMs: number;
}

const WINDOW_MS = 10;
const VOICED_BELOW_PEAK_DB = 35;
const MIN_PAUSE_MS = 70;

interface Span {
  readonly startMs: number;
  readonly endMs: number;
}

/** Syllable-ish weight: vowel groups, at least one, plus a little for length. */
export function wordWeight(word: string): number {
  const groups = word.toLowerCase().match(/[aeiouyáéíóúüàèìòùâêîôûäëïö]+/g)?.length ?? 0;
  const digits = word.match(/\d/g)?.length ?? 0;
  return Math.max(1, groups + digits * 1.5) + word.length * 0.05;
}

/** 10 ms windows as voiced (true) or not, relative to the loudest window. */
export function voicedWindows(samples: Int16Array, sampleRate: number): boolean[] {
  const size = Math.max(1, Math.round((sampleRate * WINDOW_MS) / 1000));
  const energies: number[] = [];
  for (let at = 0; at + size <= samples.length; at += size) {
    let sum = 0;
    for (let i = at; i < at + size; i++) sum += (samples[i] ?? 0) ** 2;
    energies.push(sum / size);
  }
  const floor = Math.max(...energies, 1) * 10 ** (-VOICED_BELOW_PEAK_DB / 10);
  return energies.map((energy) => energy > floor);
}

/** Internal pauses (start/end ms) of at least MIN_PAUSE_MS, longest first. */
export function findPauses(voiced: readonly boolean[]): Span[] {
  const first = voiced.indexOf(true);
  const last = voiced.lastIndexOf(true);
  const pauses: Span[] = [];
  let runStart: number | undefined;
  for (let index = first; index <= last && first >= 0; index++) {
    if (!voiced[index]) runStart ??= index;
    else if (runStart !== undefined) {
      if ((index - runStart) * WINDOW_MS >= MIN_PAUSE_MS) {
        pauses.push({ startMs: runStart * WINDOW_MS, endMs: index * WINDOW_MS });
      }
      runStart = undefined;
    }
  }
  return pauses.sort((a, b) => b.endMs - b.startMs - (a.endMs - a.startMs));
}

interface Anchor {
  /** Boundary index: between word index-1 and word index. */
  readonly index: number;
  readonly prevEndMs: number;
  readonly nextStartMs: number;
}

export function alignWords(text: string, samples: Int16Array, sampleRate: number): AlignedWord[] {
  const words = text.split(/\s+/).filter((word) => word.length > 0);
  if (words.length === 0) return [];
  const voiced = voicedWindows(samples, sampleRate);
  const first = voiced.indexOf(true);
  const totalMs = (samples.length * 1000) / sampleRate;
  const startMs = first < 0 ? 0 : first * WINDOW_MS;
  const endMs = first < 0 ? totalMs : (voiced.lastIndexOf(true) + 1) * WINDOW_MS;
  const weights = words.map(wordWeight);
  let anchors: Anchor[] = [
    { index: 0, prevEndMs: startMs, nextStartMs: startMs },
    { index: words.length, prevEndMs: endMs, nextStartMs: endMs },
  ];
  const toleranceMs = Math.max(200, (endMs - startMs) / words.length);
  for (const pause of findPauses(voiced)) {
    const spans = distribute(weights, anchors);
    const middleMs = (pause.startMs + pause.endMs) / 2;
    let best: number | undefined;
    for (let index = 1; index < words.length; index++) {
      if (anchors.some((anchor) => anchor.index === index)) continue;
      const boundaryMs = spans[index]?.startMs ?? 0;
      const distance = Math.abs(boundaryMs - middleMs);
      const ordered = anchors.every((a) => a.index < index === a.nextStartMs <= pause.startMs);
      if (
        ordered &&
        (best === undefined || distance < Math.abs((spans[best]?.startMs ?? 0) - middleMs))
      ) {
        best = index;
      }
    }
    const bestMs = spans[best ?? 0]?.startMs ?? 0;
    if (best === undefined || Math.abs(bestMs - middleMs) > toleranceMs) continue;
    const anchor = { index: best, prevEndMs: pause.startMs, nextStartMs: pause.endMs };
    anchors = [...anchors, anchor].sort((a, b) => a.index - b.index);
  }
  return distribute(weights, anchors).map((span, index) => ({ word: words[index] ?? '', ...span }));
}

/** Spreads words between consecutive anchors in proportion to their weights. */
function distribute(weights: readonly number[], anchors: readonly Anchor[]): Span[] {
  const spans: Span[] = [];
  for (let a = 0; a + 1 < anchors.length; a++) {
    const from = anchors[a];
    const to = anchors[a + 1];
    if (!from || !to) continue;
    const group = weights.slice(from.index, to.index);
    const total = group.reduce((sum, weight) => sum + weight, 0);
    const lengthMs = to.prevEndMs - from.nextStartMs;
    let atMs = from.nextStartMs;
    for (const weight of group) {
      const nextMs = atMs + (lengthMs * weight) / total;
      spans.push({ startMs: Math.round(atMs), endMs: Math.round(nextMs) });
      atMs = nextMs;
    }
  }
  return spans;
}
