/**
 * How a telephony vendor plays what it is sent: audio queues and plays in order; a mark is
 * answered once the audio before it has played; `clear` drops the queued audio and answers
 * every pending mark at once (Twilio and Telnyx both document this).
 */
export class PlaybackQueue {
  #queue: ({ kind: 'audio'; samples: number } | { kind: 'mark'; name: string })[] = [];
  readonly #echo: (name: string) => void;

  constructor(echo: (name: string) => void) {
    this.#echo = echo;
  }

  audio(samples: number): void {
    this.#queue.push({ kind: 'audio', samples });
  }

  mark(name: string): void {
    this.#queue.push({ kind: 'mark', name });
  }

  clear(): void {
    const marks = this.#queue.filter((item) => item.kind === 'mark');
    this.#queue = [];
    for (const mark of marks) this.#echo(mark.name);
  }

  /** Plays `ms` of queued 8 kHz audio; marks reached on the way are answered. */
  play(ms: number): void {
    let samples = (ms * 8000) / 1000;
    while (this.#queue.length > 0) {
      const head = this.#queue[0]!;
      if (head.kind === 'mark') {
        this.#echo(head.name);
        this.#queue.shift();
        continue;
      }
      if (samples <= 0) break;
      const taken = Math.min(samples, head.samples);
      samples -= taken;
      head.samples -= taken;
      if (head.samples === 0) this.#queue.shift();
    }
  }

  get queuedMs(): number {
    let samples = 0;
    for (const item of this.#queue) if (item.kind === 'audio') samples += item.samples;
    return samples / 8;
  }
}

/** Resolves when `predicate` holds, polling; rejects after `timeoutMs` with `what`. */
export async function waitFor(
  what: string,
  predicate: () => boolean,
  timeoutMs = 5_000,
): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
