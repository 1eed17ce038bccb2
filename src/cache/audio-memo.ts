export interface CachedAudio {
  readonly sampleRate: number;
  readonly samples: Int16Array;
}

/**
 * Synthesised audio of cached answers, per entry and voice key, held in
 * memory with least-recently-used eviction. Audio is served only for the exact
 * answer text it was made from.
 */
export class AudioMemo {
  readonly #entries = new Map<string, { answer: string; audio: CachedAudio }>();
  readonly #maxEntries: number;

  constructor(maxEntries: number) {
    this.#maxEntries = Math.max(0, maxEntries);
  }

  get size(): number {
    return this.#entries.size;
  }

  set(entryId: string, voiceKey: string, answer: string, audio: CachedAudio): void {
    if (this.#maxEntries === 0) return;
    const key = `${entryId}\u0000${voiceKey}`;
    this.#entries.delete(key);
    this.#entries.set(key, { answer, audio });
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
  }

  get(entryId: string, voiceKey: string, answer: string): CachedAudio | undefined {
    const key = `${entryId}\u0000${voiceKey}`;
    const held = this.#entries.get(key);
    if (!held || held.answer !== answer) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, held);
    return held.audio;
  }

  deleteEntry(entryId: string): void {
    for (const key of this.#entries.keys()) {
      if (key.startsWith(`${entryId}\u0000`)) this.#entries.delete(key);
    }
  }

  clear(): void {
    this.#entries.clear();
  }
}
