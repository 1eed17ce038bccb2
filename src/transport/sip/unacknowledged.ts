import type { Clock } from '../../index.ts';
import { header, type SipResponse } from './message.ts';
import type { SipPeer } from './peer.ts';

const T1_MS = 500;
const T2_MS = 4_000;

/**
 * Final failure answers to INVITEs (4xx–6xx, e.g. 487 after a CANCEL) that a UDP caller has not
 * yet acknowledged: each is resent on Timer G (T1 doubling to T2) until its ACK arrives, for
 * at most 64·T1 (RFC 3261 §17.2.1). Over TCP the transport is reliable and nothing is resent.
 */
export class UnacknowledgedAnswers {
  readonly #clock: Clock;
  readonly #pending = new Map<string, () => void>();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  get size(): number {
    return this.#pending.size;
  }

  /** `response` was just sent to `peer`; keep resending it until `acknowledged`. */
  track(response: SipResponse, peer: SipPeer): void {
    if (peer.protocol !== 'udp' || response.status < 300) return;
    const key = keyOf(response);
    this.#pending.get(key)?.();
    let cancel = () => {};
    const schedule = (delayMs: number, elapsedMs: number) => {
      if (elapsedMs + delayMs > 64 * T1_MS) {
        this.#pending.delete(key);
        return;
      }
      cancel = this.#clock.setTimer(delayMs, () => {
        peer.send(response);
        schedule(Math.min(delayMs * 2, T2_MS), elapsedMs + delayMs);
      });
    };
    schedule(T1_MS, 0);
    this.#pending.set(key, () => cancel());
  }

  /** An ACK arrived: stop resending the answer it acknowledges. */
  acknowledged(ack: { headers: SipResponse['headers'] }): void {
    const key = keyOf(ack);
    this.#pending.get(key)?.();
    this.#pending.delete(key);
  }

  /** Stops every retransmission (server shutdown). */
  clear(): void {
    for (const cancel of this.#pending.values()) cancel();
    this.#pending.clear();
  }
}

/** An INVITE's answer and its ACK share the Call-ID and the CSeq number (§17.1.1.3). */
function keyOf(message: { headers: SipResponse['headers'] }): string {
  const sequence = (header(message, 'CSeq') ?? '').split(/\s+/)[0];
  return `${header(message, 'Call-ID') ?? ''} ${sequence}`;
}
