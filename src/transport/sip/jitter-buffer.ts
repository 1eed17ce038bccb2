/**
 * A reordering jitter buffer for RTP: packets leave in sequence order; one that is missing is
 * waited for while at most `depthPackets` later ones are held, then counted lost and skipped.
 * In-order packets pass straight through, so a clean network adds no delay. Sequence numbers
 * wrap at 2^16 (RFC 3550 §A.1).
 */
export class JitterBuffer<T> {
  readonly #depthPackets: number;
  readonly #held = new Map<number, T>();
  #next: number | undefined;
  lost = 0;
  late = 0;

  constructor(depthPackets = 3) {
    this.#depthPackets = depthPackets;
  }

  /** Adds a packet; returns the packets now ready, in order. */
  push(sequence: number, item: T): T[] {
    if (this.#next === undefined) this.#next = sequence;
    const ahead = distance(this.#next, sequence);
    if (ahead < 0 || ahead > 1000) {
      if (ahead < 0 && ahead > -1000) {
        this.late++;
        return [];
      }
      // A jump (new talk spurt after a long gap, or a restarted sender): start over there.
      this.#held.clear();
      this.#next = sequence;
    }
    if (this.#held.has(sequence)) return [];
    this.#held.set(sequence, item);
    const ready: T[] = [];
    for (;;) {
      const item = this.#held.get(this.#next);
      if (item !== undefined) {
        this.#held.delete(this.#next);
        ready.push(item);
        this.#next = (this.#next + 1) & 0xffff;
        continue;
      }
      if (this.#held.size <= this.#depthPackets) return ready;
      this.lost++;
      this.#next = (this.#next + 1) & 0xffff;
    }
  }
}

/** Signed distance from `from` to `to` on the 16-bit sequence circle. */
function distance(from: number, to: number): number {
  const raw = (to - from) & 0xffff;
  return raw >= 0x8000 ? raw - 0x10000 : raw;
}
