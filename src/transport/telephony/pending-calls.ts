import type { Clock } from '../../index.ts';

export interface PendingCall {
  readonly agentId: string;
  /** The caller's number, present only when the webhook that announced the call was signed. */
  readonly verifiedPhoneNumber?: string;
}

/**
 * Calls announced by a voice webhook and awaiting their media stream. A media stream is tied to
 * its webhook by the vendor's call id; entries expire so an unanswered call leaves nothing.
 */
export class PendingCalls {
  readonly #clock: Clock;
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #calls = new Map<string, PendingCall & { readonly expiresAtMs: number }>();

  constructor(clock: Clock, ttlMs = 60_000, maxEntries = 10_000) {
    this.#clock = clock;
    this.#ttlMs = ttlMs;
    this.#maxEntries = maxEntries;
  }

  remember(callId: string, call: PendingCall): void {
    this.#prune();
    if (this.#calls.size >= this.#maxEntries) {
      const oldest = this.#calls.keys().next();
      if (!oldest.done) this.#calls.delete(oldest.value);
    }
    this.#calls.set(callId, { ...call, expiresAtMs: this.#clock.now() + this.#ttlMs });
  }

  /** The announced call, once: a second stream for the same call finds nothing. */
  take(callId: string): PendingCall | undefined {
    this.#prune();
    const call = this.#calls.get(callId);
    this.#calls.delete(callId);
    return call;
  }

  #prune(): void {
    const nowMs = this.#clock.now();
    for (const [id, call] of this.#calls) if (call.expiresAtMs <= nowMs) this.#calls.delete(id);
  }
}
