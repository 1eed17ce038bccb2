import { BoxResampler } from './box-resampler.ts';
import { scope } from './worklet-scope.ts';

const TARGET_RATE = 16_000;
const FRAME_SAMPLES = 320; // 20 ms at 16 kHz

/** Microphone → 16 kHz PCM16 frames of 20 ms, posted to the main thread. */
class CaptureProcessor extends scope.AudioWorkletProcessor {
  readonly #resampler = new BoxResampler(scope.sampleRate, TARGET_RATE);
  #frame = new Int16Array(FRAME_SAMPLES);
  #filled = 0;

  process(inputs: Float32Array[][]): boolean {
    const channel = inputs[0]?.[0];
    if (channel) this.#resampler.push(channel, (sample) => this.#write(sample));
    return true;
  }

  #write(sample: number): void {
    const clamped = Math.max(-1, Math.min(1, sample));
    this.#frame[this.#filled++] = Math.round(clamped * 32767);
    if (this.#filled < FRAME_SAMPLES) return;
    this.port.postMessage(this.#frame, [this.#frame.buffer]);
    this.#frame = new Int16Array(FRAME_SAMPLES);
    this.#filled = 0;
  }
}

scope.registerProcessor('parley-capture', CaptureProcessor);
