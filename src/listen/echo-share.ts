/**
 * How much of the recent microphone audio was the agent's own echo, as the echo canceller
 * judged it chunk by chunk. The VAD reports an onset late; the conversation asks for the
 * share of the audio from that onset on.
 */
export class EchoShareTracker {
  readonly #chunks: {
    readonly endMs: number;
    readonly durationMs: number;
    readonly share: number;
  }[] = [];
  readonly #keepMs: number;

  constructor(keepMs = 2000) {
    this.#keepMs = keepMs;
  }

  /** One chunk ending at `endMs` of input audio, `share` 0..1 echo. */
  note(endMs: number, durationMs: number, share: number): void {
    this.#chunks.push({ endMs, durationMs, share: Math.min(1, Math.max(0, share)) });
    while ((this.#chunks[0]?.endMs ?? endMs) < endMs - this.#keepMs) this.#chunks.shift();
  }

  /**
   * Duration-weighted echo share of the audio after `fromMs`; the latest chunk's share when
   * no audio after it has arrived yet; 0 when nothing is known.
   */
  shareSince(fromMs: number): number {
    let weighted = 0;
    let totalMs = 0;
    for (const chunk of this.#chunks) {
      if (chunk.endMs <= fromMs) continue;
      weighted += chunk.share * chunk.durationMs;
      totalMs += chunk.durationMs;
    }
    if (totalMs === 0) return this.#chunks.at(-1)?.share ?? 0;
    return weighted / totalMs;
  }
}
