/**
 * G.711 mu-law, as used by telephony (8 kHz, one byte a sample).
 * Encoding uses the standard bias of 0x84 and clips at 32635.
 */
const BIAS = 0x84;
const CLIP = 32635;

function encodeSample(sample: number): number {
  let magnitude = sample;
  const sign = magnitude < 0 ? 0x80 : 0;
  if (sign) magnitude = -magnitude;
  if (magnitude > CLIP) magnitude = CLIP;
  magnitude += BIAS;
  let exponent = 7;
  for (let mask = 0x4000; (magnitude & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  const mantissa = (magnitude >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

function decodeSample(byte: number): number {
  const value = ~byte & 0xff;
  const exponent = (value >> 4) & 0x07;
  const magnitude = (((value & 0x0f) << 3) + BIAS) << exponent;
  return value & 0x80 ? BIAS - magnitude : magnitude - BIAS;
}

const decodeTable = Int16Array.from({ length: 256 }, (_, byte) => decodeSample(byte));

export function encodeMulaw(samples: Int16Array): Uint8Array {
  const out = new Uint8Array(samples.length);
  for (let i = 0; i < samples.length; i++) out[i] = encodeSample(samples[i]!);
  return out;
}

export function decodeMulaw(bytes: Uint8Array): Int16Array {
  const out = new Int16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = decodeTable[bytes[i]!]!;
  return out;
}
