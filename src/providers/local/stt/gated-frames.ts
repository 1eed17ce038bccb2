import type { Denoiser } from './denoise.ts';
import { Framer } from './framer.ts';

/**
 * One 10 ms frame in two versions: what the speech gate judges (the audio as it
 * came) and what the decoders hear (the same audio after noise suppression, or
 * the same samples when there is none). Gating on suppressed audio joined
 * phrases: the gate's floor followed the suppressed noise's quietest frames and
 * the residual between phrases stayed above its end threshold.
 */
export interface GatedFrame {
  readonly gate: Int16Array;
  readonly decode: Int16Array;
}

/**
 * Cuts any chunk sizes into gated frames. The denoiser works on 20 ms frames
 * and holds a partial one, so a frame's suppressed version can come a chunk
 * later: raw frames wait here for theirs and come out in pairs, in order.
 */
export class GatedFrames {
  readonly #denoiser: Denoiser | undefined;
  readonly #raw: Framer;
  readonly #denoised: Framer;
  /** Raw frames whose suppressed version is not out yet. */
  #waiting: Int16Array[] = [];

  constructor(frameSamples: number, denoiser: Denoiser | undefined) {
    this.#denoiser = denoiser;
    this.#raw = new Framer(frameSamples);
    this.#denoised = new Framer(frameSamples);
  }

  *push(samples: Int16Array): Generator<GatedFrame> {
    if (!this.#denoiser) {
      for (const frame of this.#raw.push(samples)) yield { gate: frame, decode: frame };
      return;
    }
    this.#waiting.push(...this.#raw.push(samples));
    yield* this.#pair(this.#denoiser.push(samples));
  }

  /**
   * Every frame still held, then the rest shorter than a frame (empty when
   * none); empties the framers and the denoiser's partial frame.
   */
  flush(): { frames: GatedFrame[]; rest: GatedFrame } {
    if (!this.#denoiser) {
      const rest = this.#raw.flush();
      return { frames: [], rest: { gate: rest, decode: rest } };
    }
    const frames = [...this.#pair(this.#denoiser.flush())];
    const gate = this.#raw.flush();
    const decode = this.#denoised.flush();
    // Both framers have now seen the same number of samples.
    this.#waiting = [];
    return { frames, rest: { gate, decode } };
  }

  *#pair(denoised: Int16Array): Generator<GatedFrame> {
    for (const decode of this.#denoised.push(denoised)) {
      const gate = this.#waiting.shift();
      if (!gate) throw new Error('a suppressed frame came before its raw frame');
      yield { gate, decode };
    }
  }
}
