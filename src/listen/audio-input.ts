import { INPUT_SAMPLE_RATE, type AudioChunk } from '../spec/audio.ts';
import { AudioFormatError } from '../spec/errors.ts';
import type { SttInput } from '../spec/stt.ts';
import { Channel } from '../stream/channel.ts';
import { countProcessed, LagMeter } from './engine-lag.ts';

/** Ten seconds of 20 ms frames: room for a slow engine to catch up, bounded all the same. */
const CAPACITY_CHUNKS = 500;

const chunkMs = (chunk: AudioChunk) => (chunk.samples.length * 1000) / chunk.sampleRate;

/**
 * Microphone audio fanned out to the VAD and the STT, each through its own
 * bounded channel, with a gate for push-to-talk. `lag` measures how far each engine is
 * behind the audio received: read their audio through `vadFeed()` and `sttFeed()`.
 */
export class AudioInput {
  readonly vadAudio = new Channel<AudioChunk>(CAPACITY_CHUNKS);
  readonly sttAudio = new Channel<SttInput>(CAPACITY_CHUNKS);
  /** Ms of audio let through so far: the VAD's and STT's audio clock. */
  receivedMs = 0;
  readonly sampleRate = INPUT_SAMPLE_RATE;
  readonly lag = new LagMeter();
  #open: boolean;

  constructor(gated: boolean) {
    this.#open = !gated;
  }

  /** Throws AudioFormatError unless the chunk is mono PCM16 at the input rate. */
  check(chunk: AudioChunk): void {
    if (chunk.sampleRate !== INPUT_SAMPLE_RATE) {
      throw new AudioFormatError(
        `Expected mono PCM16 at ${INPUT_SAMPLE_RATE} Hz, got ${chunk.sampleRate} Hz`,
      );
    }
    if (!(chunk.samples instanceof Int16Array)) {
      throw new AudioFormatError('Expected PCM16 samples in an Int16Array');
    }
  }

  /** Whether audio is let through (push-to-talk held, or no push-to-talk). */
  get open(): boolean {
    return this.#open;
  }

  /**
   * Returns false when a stage has fallen too far behind and the chunk was dropped.
   * `sttChunks`: what the STT gets for this chunk instead of it (the echo stage's gate).
   */
  push(chunk: AudioChunk, sttChunks: readonly AudioChunk[] = [chunk]): boolean {
    this.check(chunk);
    if (!this.#open || this.vadAudio.closed) return true;
    const ms = chunkMs(chunk);
    this.receivedMs += ms;
    const toVad = this.vadAudio.tryPush(chunk);
    if (toVad) this.lag.given('vad', ms);
    return this.pushToStt(sttChunks) && toVad;
  }

  /** Audio for the STT only (the echo stage's pre-roll before a person's onset). */
  pushToStt(chunks: readonly AudioChunk[]): boolean {
    let all = true;
    for (const chunk of chunks) {
      const given = this.sttAudio.tryPush({ type: 'audio', chunk });
      if (given) this.lag.given('stt', chunkMs(chunk));
      all = given && all;
    }
    return all;
  }

  /** The VAD's audio, counted as processed as the VAD asks for more. */
  vadFeed(): AsyncIterable<AudioChunk> {
    return countProcessed(this.vadAudio, chunkMs, (ms) => this.lag.processed('vad', ms));
  }

  /** The STT's input, counted as processed as the STT asks for more. */
  sttFeed(): AsyncIterable<SttInput> {
    const msOf = (input: SttInput) => (input.type === 'audio' ? chunkMs(input.chunk) : 0);
    return countProcessed(this.sttAudio, msOf, (ms) => this.lag.processed('stt', ms));
  }

  setOpen(open: boolean): void {
    this.#open = open;
  }

  /** Asks the STT to finalise what it has heard (end of a push-to-talk turn). */
  finalize(): void {
    this.sttAudio.tryPush({ type: 'finalize' });
  }

  close(): void {
    this.vadAudio.close();
    this.sttAudio.close();
  }
}
