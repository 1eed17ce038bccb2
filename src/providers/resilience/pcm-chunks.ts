import { bytesToInt16 } from '../../audio/pcm.ts';
import { createResampler, type Resampler } from '../../audio/resample.ts';
import type { AudioChunk } from '../../spec/audio.ts';

/**
 * Turns a vendor's PCM16 little-endian byte stream (split anywhere, even mid-sample)
 * into AudioChunks resampled to `toRate`.
 */
export class PcmByteDecoder {
  readonly #toRate: number;
  readonly #resampler: Resampler;
  #carry: Uint8Array | undefined;

  constructor(fromRate: number, toRate: number) {
    this.#toRate = toRate;
    this.#resampler = createResampler(fromRate, toRate);
  }

  push(bytes: Uint8Array): AudioChunk | undefined {
    let data = bytes;
    if (this.#carry) {
      data = new Uint8Array(this.#carry.length + bytes.length);
      data.set(this.#carry);
      data.set(bytes, this.#carry.length);
      this.#carry = undefined;
    }
    const evenLength = data.length - (data.length % 2);
    if (evenLength < data.length) this.#carry = data.slice(evenLength);
    if (evenLength === 0) return undefined;
    // Copy: the resampler may keep a view, and the vendor's buffer may be reused.
    return this.#chunk(this.#resampler.push(bytesToInt16(data.slice(0, evenLength))));
  }

  /** Ends one stretch of audio: returns the resampler's tail and forgets any odd byte. */
  flush(): AudioChunk | undefined {
    this.#carry = undefined;
    return this.#chunk(this.#resampler.flush());
  }

  #chunk(samples: Int16Array): AudioChunk | undefined {
    return samples.length > 0 ? { samples, sampleRate: this.#toRate } : undefined;
  }
}
