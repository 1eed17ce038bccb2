/**
 * How much of a reply the user has heard, from the playback position: by the
 * TTS word timings (`agent.word`) when the server sends them, else by a
 * speaking-rate estimate. Pure, so the reveal rules are unit-tested.
 */
export interface ReplySpeech {
  /** The reply's words as written (from `agent.text`), in order. */
  readonly tokens: readonly string[];
  /** `startMs` of each spoken word (from `agent.word`), in order; empty without timings. */
  readonly wordStartsMs: readonly number[];
}

/** About 150 words a minute: the estimate when there are no word timings. */
export const ESTIMATED_MS_PER_CHAR = 68;

/** Number of tokens heard after `playedMs` ms of the reply's audio. */
export function heardTokenCount(speech: ReplySpeech, playedMs: number): number {
  if (playedMs <= 0) return 0;
  if (speech.wordStartsMs.length > 0) {
    let heard = 0;
    while (heard < speech.wordStartsMs.length && (speech.wordStartsMs[heard] ?? 0) <= playedMs)
      heard += 1;
    return Math.min(heard, speech.tokens.length);
  }
  let elapsedMs = 0;
  let heard = 0;
  for (const token of speech.tokens) {
    if (elapsedMs > playedMs) break;
    heard += 1;
    elapsedMs += (token.length + 1) * ESTIMATED_MS_PER_CHAR;
  }
  return heard;
}

/**
 * The tokens that `heardText` (the server's cut on an interrupt) covers: its
 * words, matched against the reply's tokens from the start, ignoring case and
 * punctuation. Falls back to the number of words in `heardText`.
 */
export function tokensCoveredBy(tokens: readonly string[], heardText: string): number {
  const heard = heardText.split(/\s+/).filter(Boolean);
  let matched = 0;
  while (
    matched < heard.length &&
    matched < tokens.length &&
    bare(tokens[matched] ?? '') === bare(heard[matched] ?? '')
  )
    matched += 1;
  return matched === heard.length ? matched : Math.min(heard.length, tokens.length);
}

function bare(word: string): string {
  return word.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}
