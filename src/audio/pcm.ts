import { AudioFormatError } from '../spec/errors.ts';

/** PCM16 → float in [-1, 1) (divides by 32768). */
export function int16ToFloat32(samples: Int16Array): Float32Array {
  const out = new Float32Array(samples.length);
  for (let i = 0; i < samples.length; i++) out[i] = samples[i]! / 32768;
  return out;
}

/** Float → PCM16, clamped to the int16 range and rounded to the nearest step. */
export function float32ToInt16(samples: Float32Array): Int16Array {
  const out = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) out[i] = clampInt16(samples[i]! * 32768);
  return out;
}

/** Rounds and clamps a float sample (in int16 units) to a valid int16 value; NaN → 0. */
export function clampInt16(value: number): number {
  if (Number.isNaN(value)) return 0;
  const rounded = Math.round(value);
  return rounded > 32767 ? 32767 : rounded < -32768 ? -32768 : rounded;
}

const littleEndianHost = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Little-endian bytes → PCM16. Shares memory with `bytes` when it is aligned
 * (and the host is little-endian); copies otherwise.
 */
export function bytesToInt16(bytes: Uint8Array): Int16Array {
  if (bytes.byteLength % 2 !== 0) {
    throw new AudioFormatError(`PCM16 data must have an even byte length, got ${bytes.byteLength}`);
  }
  const count = bytes.byteLength / 2;
  if (littleEndianHost && bytes.byteOffset % 2 === 0) {
    return new Int16Array(bytes.buffer, bytes.byteOffset, count);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Int16Array(count);
  for (let i = 0; i < count; i++) out[i] = view.getInt16(i * 2, true);
  return out;
}

/** PCM16 → little-endian bytes (shares memory on a little-endian host). */
export function int16ToBytes(samples: Int16Array): Uint8Array {
  if (littleEndianHost) {
    return new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength);
  }
  const out = new Uint8Array(samples.length * 2);
  const view = new DataView(out.buffer);
  for (let i = 0; i < samples.length; i++) view.setInt16(i * 2, samples[i]!, true);
  return out;
}

/** The parts one after another in one buffer. */
export function concatInt16(parts: readonly Int16Array[]): Int16Array {
  const out = new Int16Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
