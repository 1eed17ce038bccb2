import { createResampler, type Resampler } from '../audio/resample.ts';
import type { Clock } from '../spec/clock.ts';
import { ProviderError } from '../spec/errors.ts';
import type { SessionEvent } from '../spec/events.ts';
import type { TtsModel } from '../spec/tts.ts';
import { untilAborted } from '../stream/abort.ts';
import { Channel } from '../stream/channel.ts';
import type { AudioOutput } from './audio-output.ts';
import type { TrackedSegment } from './segments.ts';

export interface ReplySpeechOptions {
  readonly turnId: number;
  readonly tts: TtsModel;
  readonly output: AudioOutput;
  readonly clock: Clock;
  readonly signal: AbortSignal;
  readonly sampleRate: number;
  readonly voice?: string;
  readonly language?: string;
  readonly speakingRate?: number;
  readonly emit: (event: SessionEvent) => void;
  /** Keep a copy of the audio (for the semantic cache). */
  readonly captureAudio: boolean;
  /** A failure of the TTS (a part or a throw): the caller normalises and reports it. */
  readonly fail: (error: unknown, stage: 'tts', provider: string) => void;
}

/**
 * The speaking half of a reply: text chunks go into one TTS stream as they are
 * ready; its audio goes to the paced output; segments and word timings are
 * tracked so that an interruption knows exactly what was heard.
 */
export class ReplySpeech {
  readonly segments: TrackedSegment[] = [];
  readonly captured: Int16Array[] = [];
  /** Clock times for the metrics. */
  firstTextAtMs: number | undefined;
  firstAudioAtMs: number | undefined;
  readonly done: Promise<void>;
  readonly #options: ReplySpeechOptions;
  readonly #input = new Channel<string>(256);
  #audioMs = 0;
  #segmentIndex = 0;
  #resampler: Resampler | undefined;
  #resamplerFromRate = 0;

  constructor(options: ReplySpeechOptions) {
    this.#options = options;
    this.done = this.#consume();
  }

  /** Queues a chunk of text to be spoken. */
  say(text: string, kind: 'reply' | 'filler', round: number): void {
    if (text.trim() === '' || this.#options.signal.aborted) return;
    this.firstTextAtMs ??= this.#options.clock.now();
    this.segments.push({ text, kind, round, audioStartMs: -1, audioEndMs: undefined, words: [] });
    if (!this.#input.tryPush(text)) {
      const error = new ProviderError('Reply too long for the TTS queue; text dropped', {
        provider: this.#options.tts.provider,
        retryable: false,
      });
      this.#options.fail(error, 'tts', this.#options.tts.provider);
    }
  }

  /** Plays pre-made audio (a cached answer) as one segment, without the TTS. */
  async playAudio(text: string, samples: Int16Array, sampleRate: number): Promise<void> {
    this.segments.push({
      text,
      kind: 'reply',
      round: 0,
      audioStartMs: -1,
      audioEndMs: undefined,
      words: [],
    });
    await this.#writeAudio(samples, sampleRate);
    this.#closeSegment();
  }

  /** No more text will come. */
  finish(): void {
    this.#input.close();
  }

  async #consume(): Promise<void> {
    const { tts, signal, output, emit, turnId } = this.#options;
    try {
      const parts = tts.stream({
        text: this.#input,
        sampleRate: this.#options.sampleRate,
        signal,
        ...(this.#options.voice !== undefined && { voice: this.#options.voice }),
        ...(this.#options.language !== undefined && { language: this.#options.language }),
        ...(this.#options.speakingRate !== undefined && {
          speakingRate: this.#options.speakingRate,
        }),
      });
      for await (const part of untilAborted(parts, signal)) {
        switch (part.type) {
          case 'audio':
            await this.#writeAudio(part.chunk.samples, part.chunk.sampleRate);
            break;
          case 'word': {
            const segment = this.#currentSegment();
            segment?.words.push({ word: part.word, startMs: part.startMs, endMs: part.endMs });
            if (segment?.kind === 'reply') {
              emit({
                type: 'agent.word',
                turnId,
                word: part.word,
                startMs: part.startMs,
                endMs: part.endMs,
              });
            }
            break;
          }
          case 'segment-end':
            this.#closeSegment();
            break;
          case 'error':
            this.#options.fail(part.error, 'tts', tts.provider);
            break;
        }
      }
    } catch (error: unknown) {
      // An abort is the turn being stopped, not a failure.
      if (!signal.aborted) this.#options.fail(error, 'tts', tts.provider);
    } finally {
      this.#input.close();
      output.end();
    }
  }

  #currentSegment(): TrackedSegment | undefined {
    return this.segments[this.#segmentIndex];
  }

  #closeSegment(): void {
    const segment = this.#currentSegment();
    if (!segment) return;
    if (segment.audioStartMs < 0) segment.audioStartMs = this.#audioMs;
    segment.audioEndMs = this.#audioMs;
    this.#segmentIndex += 1;
  }

  async #writeAudio(samples: Int16Array, fromRate: number): Promise<void> {
    const targetRate = this.#options.sampleRate;
    let out = samples;
    if (fromRate !== targetRate) {
      if (!this.#resampler || this.#resamplerFromRate !== fromRate) {
        this.#resampler = createResampler(fromRate, targetRate);
        this.#resamplerFromRate = fromRate;
      }
      out = this.#resampler.push(samples);
    }
    if (out.length === 0) return;
    this.firstAudioAtMs ??= this.#options.clock.now();
    const segment = this.#currentSegment();
    if (segment && segment.audioStartMs < 0) segment.audioStartMs = this.#audioMs;
    this.#audioMs += (out.length * 1000) / targetRate;
    if (this.#options.captureAudio) this.captured.push(out);
    await this.#options.output.write(out);
  }
}
