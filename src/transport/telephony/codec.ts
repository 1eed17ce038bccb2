import { decodeAlaw, encodeAlaw } from '../../audio/alaw.ts';
import { decodeMulaw, encodeMulaw } from '../../audio/mulaw.ts';

/** The G.711 codecs every phone network carries: μ-law (PCMU) and A-law (PCMA). */
export type TelephonyCodec = 'pcmu' | 'pcma';

/** Phone audio is 8 kHz, sent in 20 ms packets of 160 samples. */
export const PHONE_SAMPLE_RATE = 8_000;
export const PHONE_FRAME_MS = 20;
export const PHONE_FRAME_SAMPLES = (PHONE_SAMPLE_RATE * PHONE_FRAME_MS) / 1000;

export function decodePhoneAudio(codec: TelephonyCodec, payload: Uint8Array): Int16Array {
  return codec === 'pcmu' ? decodeMulaw(payload) : decodeAlaw(payload);
}

export function encodePhoneAudio(codec: TelephonyCodec, samples: Int16Array): Uint8Array {
  return codec === 'pcmu' ? encodeMulaw(samples) : encodeAlaw(samples);
}

/** The silence byte of each codec (a packet of it is what a quiet line sends). */
export function phoneSilenceByte(codec: TelephonyCodec): number {
  return codec === 'pcmu' ? 0xff : 0xd5;
}
