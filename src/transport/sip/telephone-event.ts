/**
 * RFC 4733 telephone-events: a key press arrives as several packets sharing one RTP timestamp,
 * the last three flagged End. One key is reported once, on its first End packet.
 */
const EVENT_KEYS = '0123456789*#ABCD';

export interface TelephoneEvent {
  readonly key: string;
  readonly end: boolean;
  readonly durationSamples: number;
}

export function decodeTelephoneEvent(payload: Uint8Array): TelephoneEvent | undefined {
  if (payload.length < 4) return undefined;
  const key = EVENT_KEYS[payload[0]!];
  if (key === undefined) return undefined; // tones and flash hook are not keys
  return {
    key,
    end: (payload[1]! & 0x80) !== 0,
    durationSamples: (payload[2]! << 8) | payload[3]!,
  };
}

/** Reports each key once, however many End retransmissions arrive. */
export class TelephoneEventDetector {
  #lastTimestamp: number | undefined;

  /** The key completed by this packet, if any. */
  accept(timestamp: number, payload: Uint8Array): string | undefined {
    const event = decodeTelephoneEvent(payload);
    if (!event?.end || timestamp === this.#lastTimestamp) return undefined;
    this.#lastTimestamp = timestamp;
    return event.key;
  }
}
