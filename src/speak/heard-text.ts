import type { WordTiming } from '../spec/model.ts';

/** A stretch of agent speech: its text, where its audio sits in the turn, and word times if known. */
export interface SpokenSegment {
  readonly text: string;
  /** Fillers are spoken but not part of the reply the LLM wrote. */
  readonly kind: 'reply' | 'filler';
  readonly audioStartMs: number;
  /** Undefined while its audio is still arriving. */
  readonly audioEndMs: number | undefined;
  /** Word timings within the turn's audio, when the TTS gives them. */
  readonly words: readonly WordTiming[];
}

export const DEFAULT_WORDS_PER_MINUTE = 165;

function splitWords(text: string): string[] {
  return text.split(/\s+/).filter((w) => w !== '');
}

/** Word times for a segment without TTS timings: by character share of its audio, or by speaking rate. */
export function estimateWordTimings(segment: SpokenSegment, wordsPerMinute: number): WordTiming[] {
  const words = splitWords(segment.text);
  if (segment.audioEndMs !== undefined) {
    const totalChars = words.reduce((n, w) => n + w.length + 1, 0);
    const spanMs = segment.audioEndMs - segment.audioStartMs;
    let atMs = segment.audioStartMs;
    return words.map((word) => {
      const durationMs = (spanMs * (word.length + 1)) / Math.max(1, totalChars);
      const timing = { word, startMs: atMs, endMs: atMs + durationMs };
      atMs += durationMs;
      return timing;
    });
  }
  const msPerWord = 60_000 / wordsPerMinute;
  return words.map((word, i) => ({
    word,
    startMs: segment.audioStartMs + i * msPerWord,
    endMs: segment.audioStartMs + (i + 1) * msPerWord,
  }));
}

/**
 * The reply text the user actually heard, given how much of the turn's audio
 * played: every reply word whose audio finished playing. Fillers are left out, and so
 * is every segment whose audio had not started: text that reached the TTS but was never
 * played is never counted as heard. With word timings from the TTS they decide; without,
 * the segment's audio span (or, while it is still arriving, the speaking rate) does.
 */
export function heardReplyText(
  segments: readonly SpokenSegment[],
  playedMs: number,
  wordsPerMinute = DEFAULT_WORDS_PER_MINUTE,
): string {
  const heard: string[] = [];
  for (const segment of segments) {
    // A segment with no audio yet (start < 0) was never played, whatever its text.
    if (segment.kind !== 'reply' || segment.audioStartMs < 0) continue;
    if (segment.audioStartMs >= playedMs) continue;
    const timings =
      segment.words.length > 0 ? segment.words : estimateWordTimings(segment, wordsPerMinute);
    for (const timing of timings) {
      if (timing.endMs <= playedMs) heard.push(timing.word);
    }
  }
  return heard.join(' ');
}
