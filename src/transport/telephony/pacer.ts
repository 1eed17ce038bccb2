import type { Clock } from '../../index.ts';

type Item =
  | { readonly kind: 'packet'; readonly payload: Uint8Array }
  | { readonly kind: 'mark'; readonly name: string };

/**
 * Sends one packet every `intervalMs` on the injected clock, the way a phone line plays them
 * (RTP has no far-end buffer to clear). Marks queued between packets are reported when the
 * packets before them have gone out; `clear` drops what is queued (barge-in).
 */
export class Pacer {
  readonly #clock: Clock;
  readonly #intervalMs: number;
  readonly #send: (payload: Uint8Array) => void;
  readonly #onMark: (name: string) => void;
  #queue: Item[] = [];
  #cancelTimer: (() => void) | undefined;
  #nextAtMs = 0;
  #closed = false;

  constructor(
    clock: Clock,
    intervalMs: number,
    send: (payload: Uint8Array) => void,
    onMark: (name: string) => void,
  ) {
    this.#clock = clock;
    this.#intervalMs = intervalMs;
    this.#send = send;
    this.#onMark = onMark;
  }

  get queuedPackets(): number {
    return this.#queue.filter((item) => item.kind === 'packet').length;
  }

  push(payload: Uint8Array): void {
    if (this.#closed) return;
    this.#queue.push({ kind: 'packet', payload });
    if (this.#cancelTimer === undefined) {
      this.#nextAtMs = this.#clock.now();
      this.#tick();
    }
  }

  mark(name: string): void {
    if (this.#closed) return;
    if (this.#queue.length === 0) this.#onMark(name);
    else this.#queue.push({ kind: 'mark', name });
  }

  clear(): void {
    this.#queue = [];
  }

  close(): void {
    this.#closed = true;
    this.#queue = [];
    this.#cancelTimer?.();
    this.#cancelTimer = undefined;
  }

  #tick(): void {
    this.#cancelTimer = undefined;
    if (this.#closed) return;
    let sent = false;
    while (this.#queue.length > 0) {
      const head = this.#queue[0]!;
      if (head.kind === 'mark') {
        this.#queue.shift();
        this.#onMark(head.name);
        continue;
      }
      if (sent) break;
      this.#queue.shift();
      this.#send(head.payload);
      sent = true;
    }
    if (!sent) return; // idle: the next push starts a fresh schedule
    this.#nextAtMs += this.#intervalMs;
    const delayMs = Math.max(0, this.#nextAtMs - this.#clock.now());
    this.#cancelTimer = this.#clock.setTimer(delayMs, () => this.#tick());
  }
}
