/**
 * A speakerphone in a room, one 20 ms step at a time (no clock of its own): agent audio is
 * queued and played in real time, and the microphone hears it back through the room (delay,
 * impulse response with attenuation and reverb) with noise and, when told, a person talking.
 */
import { createResampler } from '../../src/audio/resample.ts';
import { AGENT_RATE, MIC_RATE } from './echo-audio.ts';

const FRAME_MS = 20;
const AGENT_FRAME = (AGENT_RATE * FRAME_MS) / 1000;

export interface RoomAcoustics {
  readonly impulseResponse: Float64Array;
  readonly delayMs: number;
  readonly noise: Int16Array;
  /** The microphone's rate (the impulse response and noise are at it). Default MIC_RATE. */
  readonly micRate?: number;
}

export class Room {
  /** ms of the current reply played so far. */
  playedMs = 0;
  readonly #acoustics: RoomAcoustics;
  readonly #micRate: number;
  readonly #micFrame: number;
  readonly #resampler: ReturnType<typeof createResampler>;
  #played: Float64Array;
  #playedEnd = 0;
  #queue: Int16Array[] = [];
  #user: Int16Array | undefined;
  #userOffset = 0;
  #noiseOffset = 0;

  constructor(acoustics: RoomAcoustics) {
    this.#acoustics = acoustics;
    this.#micRate = acoustics.micRate ?? MIC_RATE;
    this.#micFrame = (this.#micRate * FRAME_MS) / 1000;
    this.#resampler = createResampler(AGENT_RATE, this.#micRate);
    this.#played = new Float64Array(this.#micRate * 60);
  }

  /** Agent audio received (24 kHz); `newReply` starts the playback count again. */
  receive(samples: Int16Array, newReply = false): void {
    if (newReply) this.playedMs = 0;
    this.#queue.push(samples);
  }

  /** The client flushed its playback (interrupt). */
  flush(): void {
    this.#queue = [];
  }

  get queuedSamples(): number {
    return this.#queue.reduce((sum, chunk) => sum + chunk.length, 0);
  }

  talk(samples: Int16Array): void {
    this.#user = samples;
    this.#userOffset = 0;
  }

  /** Plays 20 ms and returns the 20 ms the microphone heard meanwhile. */
  step(): Int16Array {
    this.#append(this.#resampler.push(this.#play()));
    const { impulseResponse, noise } = this.#acoustics;
    const delay = Math.round((this.#acoustics.delayMs * this.#micRate) / 1000);
    const buffer = this.#played;
    const micFrame = this.#micFrame;
    const out = new Int16Array(micFrame);
    for (let i = 0; i < micFrame; i++) {
      const at = this.#playedEnd - micFrame + i - delay;
      const taps = Math.min(impulseResponse.length, at + 1);
      let acc = 0;
      for (let k = 0; k < taps; k++) acc += impulseResponse[k]! * buffer[at - k]!;
      acc += noise[(this.#noiseOffset + i) % noise.length]!;
      if (this.#user !== undefined) acc += this.#user[this.#userOffset + i] ?? 0;
      out[i] = Math.max(-32768, Math.min(32767, Math.round(acc)));
    }
    this.#noiseOffset = (this.#noiseOffset + micFrame) % noise.length;
    if (this.#user !== undefined) {
      this.#userOffset += micFrame;
      if (this.#userOffset >= this.#user.length) this.#user = undefined;
    }
    return out;
  }

  #play(): Int16Array {
    const out = new Int16Array(AGENT_FRAME);
    let filled = 0;
    while (filled < AGENT_FRAME && this.#queue.length > 0) {
      const head = this.#queue[0]!;
      const take = Math.min(head.length, AGENT_FRAME - filled);
      out.set(head.subarray(0, take), filled);
      filled += take;
      if (take === head.length) this.#queue.shift();
      else this.#queue[0] = head.subarray(take);
    }
    this.playedMs += (filled / AGENT_RATE) * 1000;
    return out;
  }

  #append(samples: Int16Array): void {
    if (this.#playedEnd + samples.length > this.#played.length) {
      const grown = new Float64Array(this.#played.length * 2);
      grown.set(this.#played);
      this.#played = grown;
    }
    this.#played.set(samples, this.#playedEnd);
    this.#playedEnd += samples.length;
  }
}
