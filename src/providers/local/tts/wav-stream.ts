import { AudioFormatError } from '../../../spec/errors.ts';

/**
 * Decodes a RIFF/WAVE PCM16 mono byte stream as it arrives, without trusting
 * the size fields (espeak-ng writes 0x7fffffff while streaming).
 */
export class WavStreamDecoder {
  #header = new Uint8Array(0);
  #sampleRate: number | undefined;
  #inData = false;
  #carry: number | undefined;

  get sampleRate(): number | undefined {
    return this.#sampleRate;
  }

  /** Returns the samples completed by `bytes` (possibly none while the header is read). */
  push(bytes: Uint8Array): Int16Array {
    if (!this.#inData) {
      const joined = new Uint8Array(this.#header.length + bytes.length);
      joined.set(this.#header);
      joined.set(bytes, this.#header.length);
      const dataStart = this.#readHeader(joined);
      if (dataStart === undefined) {
        this.#header = joined;
        return new Int16Array(0);
      }
      this.#inData = true;
      this.#header = new Uint8Array(0);
      return this.#samples(joined.subarray(dataStart));
    }
    return this.#samples(bytes);
  }

  #readHeader(bytes: Uint8Array): number | undefined {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (bytes.length < 12) return undefined;
    if (tag(bytes, 0) !== 'RIFF' || tag(bytes, 8) !== 'WAVE') {
      throw new AudioFormatError('engine output is not a WAV stream');
    }
    let offset = 12;
    while (offset + 8 <= bytes.length) {
      const id = tag(bytes, offset);
      const size = view.getUint32(offset + 4, true);
      if (id === 'data') {
        if (this.#sampleRate === undefined) throw new AudioFormatError('WAV data before fmt');
        return offset + 8;
      }
      if (offset + 8 + size > bytes.length) return undefined;
      if (id === 'fmt ') this.#readFmt(view, offset + 8);
      offset += 8 + size + (size % 2);
    }
    return undefined;
  }

  #readFmt(view: DataView, at: number): void {
    const format = view.getUint16(at, true);
    const channels = view.getUint16(at + 2, true);
    const bits = view.getUint16(at + 14, true);
    if (format !== 1 || channels !== 1 || bits !== 16) {
      throw new AudioFormatError(
        `engine WAV must be PCM16 mono, got format ${format}, ${channels} ch, ${bits} bit`,
      );
    }
    this.#sampleRate = view.getUint32(at + 4, true);
  }

  #samples(bytes: Uint8Array): Int16Array {
    const carry = this.#carry === undefined ? 0 : 1;
    const total = bytes.length + carry;
    const out = new Int16Array(Math.floor(total / 2));
    const byteAt = (index: number): number =>
      carry === 1
        ? index === 0
          ? (this.#carry ?? 0)
          : (bytes[index - 1] ?? 0)
        : (bytes[index] ?? 0);
    for (let i = 0; i < out.length; i++) {
      const value = byteAt(2 * i) | (byteAt(2 * i + 1) << 8);
      out[i] = value >= 0x8000 ? value - 0x10000 : value;
    }
    this.#carry = total % 2 === 1 ? bytes[bytes.length - 1] : undefined;
    return out;
  }
}

function tag(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(
    bytes[at] ?? 0,
    bytes[at + 1] ?? 0,
    bytes[at + 2] ?? 0,
    bytes[at + 3] ?? 0,
  );
}
