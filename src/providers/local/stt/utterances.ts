import type { SttPart } from '../../../spec/stt.ts';
import type { Recognizer } from './recognizer.ts';
import {
  frameLevelDb,
  GATE_FRAME_MS,
  initialGateState,
  stepGate,
  type SpeechGateOptions,
  type SpeechGateState,
} from './speech-gate.ts';

export interface UtteranceOptions {
  readonly gate: SpeechGateOptions;
  /** Audio kept from before speech starts and fed with it. */
  readonly prerollMs: number;
  /** Interim hypotheses are checked at most this often (ms of audio). */
  readonly interimEveryMs: number;
  /** An utterance longer than this is finalised and a new one begun. */
  readonly maxUtteranceMs: number;
}

/**
 * Turns 10 ms frames into transcript parts for one stream: gates speech,
 * feeds the recognizer, throttles interims and finalises utterances.
 * Synchronous; the stream runner decides when to yield to the event loop.
 */
export class Utterances {
  readonly #recognizer: Recognizer;
  readonly #options: UtteranceOptions;
  #gate: SpeechGateState = initialGateState;
  #preroll: Int16Array[] = [];
  #framesSeen = 0;
  #utteranceStartMs = 0;
  #utteranceFrames = 0;
  #lastInterim = '';

  constructor(recognizer: Recognizer, options: UtteranceOptions) {
    this.#recognizer = recognizer;
    this.#options = options;
  }

  /** Stream time (ms) of audio seen so far. */
  get streamMs(): number {
    return this.#framesSeen * GATE_FRAME_MS;
  }

  frame(samples: Int16Array): SttPart[] {
    this.#framesSeen += 1;
    const { state, event } = stepGate(this.#gate, frameLevelDb(samples), this.#options.gate);
    this.#gate = state;
    if (!this.#recognizer.inUtterance) {
      this.#preroll.push(samples);
      const keep = Math.max(1, Math.round(this.#options.prerollMs / GATE_FRAME_MS));
      if (this.#preroll.length > keep) this.#preroll.shift();
      if (event !== 'speech-start') return [];
      this.#begin(this.streamMs - this.#preroll.length * GATE_FRAME_MS);
      for (const frame of this.#preroll) this.#feed(frame);
      this.#preroll = [];
      return [];
    }
    this.#feed(samples);
    if (event === 'speech-end') return this.#finish();
    if (this.#utteranceFrames * GATE_FRAME_MS >= this.#options.maxUtteranceMs) {
      const parts = this.#finish();
      this.#begin(this.streamMs);
      return parts;
    }
    return this.#interimEvery();
  }

  /** Ends the current utterance now (the user's turn ended) and returns its final. */
  finalize(rest?: Int16Array): SttPart[] {
    if (!this.#recognizer.inUtterance) return [{ type: 'final', text: '' }];
    if (rest && rest.length > 0) this.#recognizer.process(rest);
    this.#gate = { ...this.#gate, inSpeech: false, run: 0 };
    return this.#finish();
  }

  #begin(startMs: number): void {
    this.#recognizer.start();
    this.#utteranceStartMs = startMs;
    this.#utteranceFrames = 0;
    this.#lastInterim = '';
  }

  #feed(samples: Int16Array): void {
    this.#recognizer.process(samples);
    this.#utteranceFrames += 1;
  }

  #interimEvery(): SttPart[] {
    const everyFrames = Math.max(1, Math.round(this.#options.interimEveryMs / GATE_FRAME_MS));
    if (this.#utteranceFrames % everyFrames !== 0) return [];
    const text = this.#recognizer.interim();
    if (!text || text === this.#lastInterim) return [];
    this.#lastInterim = text;
    return [{ type: 'interim', text }];
  }

  #finish(): SttPart[] {
    const result = this.#recognizer.finish(this.#utteranceStartMs);
    this.#preroll = [];
    if (!result.text) return [];
    return [
      {
        type: 'final',
        text: result.text,
        words: result.words,
        ...(result.confidence !== undefined ? { confidence: result.confidence } : {}),
      },
    ];
  }
}
