/**
 * G.711 A-law, the telephony codec used outside North America (8 kHz, one byte a sample).
 * Segment encoding of the 13-bit magnitude, with even bits inverted (XOR 0x55) on the wire.
 */
const SEGMENT_ENDS = [0xff, 0x1ff, 0x3ff, 0x7ff, 0xfff, 0x1fff, 0x3fff, 0x7fff] as const;

function encodeSample(sample: number): number {
  let magnitude = sample >> 3; // 16-bit PCM to the 13-bit range A-law codes
  let mask: number;
  if (magnitude >= 0) {
    mask = 0xd5; // sign bit set (positive) with the even-bit inversion
  } else {
    mask = 0x55;
    magnitude = -magnitude - 1;
  }
  let segment = 0;
  while (segment < 8 && magnitude > SEGMENT_ENDS[segment]! >> 3) segment++;
  if (segment >= 8) return 0x7f ^ mask;
  const shift = segment < 2 ? 1 : segment;
  const code = (segment << 4) | ((magnitude >> shift) & 0x0f);
  return code ^ mask;
}

function decodeSample(byte: number): number {
  const value = byte ^ 0x55;
  const segment = (value & 0x70) >> 4;
  let magnitude = (value & 0x0f) << 4;
  if (segment === 0) magnitude += 8;
  else if (segment === 1) magnitude += 0x108;
  else magnitude = (magnitude + 0x108) << (segment - 1);
  return value & 0x80 ? magnitude : -magnitude;
}

const decodeTable = Int16Array.from({ length: 256 }, (_, byte) => decodeSample(byte));

export function encodeAlaw(samples: Int16Array): Uint8Array {
  const out = new Uint8Array(samples.length);
  for (let i = 0; i < samples.length; i++) out[i] = encodeSample(samples[i]!);
  return out;
}

export function decodeAlaw(bytes: Uint8Array): Int16Array {
  const out = new Int16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = decodeTable[bytes[i]!]!;
  return out;
}
