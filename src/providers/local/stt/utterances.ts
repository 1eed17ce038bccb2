import type { SttPart } from '../../../spec/stt.ts';
import type { GatedFrame } from './gated-frames.ts';
import { LevelNormaliser, type LevelOptions } from './level.ts';
import type { RecognizedUtterance, Recognizer } from './recognizer.ts';
import {
  otherReadings,
  spottedInstead,
  wholeUtteranceSpot,
  type SpottedOptions,
  type UtteranceLoudness,
} from './spotted.ts';
import type { Spot } from './spots.ts';
import {
  frameLevelDb,
  GATE_FRAME_MS,
  initialGateState,
  noiseFloorDb,
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
  /**
   * …and this often while an utterance's audio (its pre-roll included) is shorter than
   * `earlyInterimUntilMs`: the first word sooner, at the cost of more decoder calls.
   */
  readonly earlyInterimEveryMs: number;
  readonly earlyInterimUntilMs: number;
  /** An utterance longer than this is finalised and a new one begun. */
  readonly maxUtteranceMs: number;
  /**
   * An utterance with less than this much audio `gate.startDb` above the noise
   * floor is a click, a breath or a swell of noise: nothing is reported for it.
   */
  readonly minSpeechMs: number;
  /** Scale each utterance's speech to a typical level before decoding (see level.ts); off when undefined. */
  readonly level?: LevelOptions | undefined;
  /**
   * A word is kept only when at least this share of its frames is above the
   * noise floor by `gate.stopDb` (the floor as known when the utterance ends):
   * a grammar fills silence and noise at either end with its words ("… seven
   * one oh oh"), the audio under them says they were not spoken.
   */
  readonly minWordSpeechShare: number;
  /** When a spotted turn-taking phrase replaces what the decoders heard (see spotted.ts). */
  readonly spotted: SpottedOptions;
  /** Sees every finished utterance with what each decoder heard (diagnostics, the eval). */
  readonly onUtterance?: ((utterance: HeardUtterance) => void) | undefined;
}

export interface HeardUtterance extends RecognizedUtterance {
  /** Audio above the speech threshold in the utterance. */
  readonly speechMs: number;
  /** Reported: false when too little of it was speech. */
  readonly reported: boolean;
  /** The text is a turn-taking phrase the keyword search spotted over the whole utterance. */
  readonly spotted: boolean;
  /** The utterance as heard before a spotted phrase replaced it, and its loudness (diagnostics). */
  readonly unspotted: RecognizedUtterance;
  readonly loudness: UtteranceLoudness;
}

/** Parts a frame leads to, once the decoders (on worker threads) have answered. */
export type PendingParts = Promise<SttPart[]>;

/**
 * Turns 10 ms frames into transcript parts for one stream: gates speech,
 * queues audio for the recognizer, throttles interims and finalises
 * utterances. Frames are taken synchronously; the parts they lead to come
 * later, in order (the stream yields each pending result in turn).
 */
export class Utterances {
  readonly #recognizer: Recognizer;
  readonly #options: UtteranceOptions;
  #gate: SpeechGateState = initialGateState;
  /** Frames before speech: what the decoders will hear, and the gate's level of each. */
  #preroll: { samples: Int16Array; levelDb: number }[] = [];
  #framesSeen = 0;
  #utteranceStartMs = 0;
  #utteranceFrames = 0;
  #speechFrames = 0;
  /** Level (dB) of every frame fed in this utterance, in order. */
  #levelsDb: number[] = [];
  /** Utterances begun in this stream: an interim is compared with the last of its own utterance. */
  #utterance = 0;
  #lastInterim = { utterance: 0, text: '' };
  #interimInFlight = false;
  readonly #level: LevelNormaliser | undefined;

  constructor(recognizer: Recognizer, options: UtteranceOptions) {
    this.#recognizer = recognizer;
    this.#options = options;
    this.#level =
      options.level === undefined
        ? undefined
        : new LevelNormaliser(options.level, (samples) => recognizer.process(samples));
  }

  /** Stream time (ms) of audio seen so far. */
  get streamMs(): number {
    return this.#framesSeen * GATE_FRAME_MS;
  }

  /** The gate judges `frame.gate`; the decoders hear `frame.decode`. */
  frame(frame: GatedFrame): PendingParts | undefined {
    const samples = frame.decode;
    this.#framesSeen += 1;
    const levelDb = frameLevelDb(frame.gate);
    const floorDb = noiseFloorDb(this.#gate, this.#options.gate);
    const { state, event } = stepGate(this.#gate, levelDb, this.#options.gate);
    this.#gate = state;
    const speech = levelDb > floorDb + this.#options.gate.startDb;
    if (this.#recognizer.inUtterance && speech) this.#speechFrames += 1;
    if (!this.#recognizer.inUtterance) {
      this.#preroll.push({ samples, levelDb });
      const keep = Math.max(1, Math.round(this.#options.prerollMs / GATE_FRAME_MS));
      if (this.#preroll.length > keep) this.#preroll.shift();
      if (event !== 'speech-start') return undefined;
      this.#begin(this.streamMs - this.#preroll.length * GATE_FRAME_MS);
      const opening = this.#preroll.length - this.#options.gate.startFrames;
      // The frames that opened the gate are speech; the rest of the pre-roll is not.
      for (const [index, held] of this.#preroll.entries()) {
        this.#feed(held.samples, held.levelDb, index >= opening);
      }
      this.#preroll = [];
      return undefined;
    }
    this.#feed(samples, levelDb, speech);
    if (event === 'speech-end') return this.#finish();
    if (this.#utteranceFrames * GATE_FRAME_MS >= this.#options.maxUtteranceMs) {
      const parts = this.#finish();
      this.#begin(this.streamMs);
      return parts;
    }
    return this.#interimEvery();
  }

  /** Ends the current utterance now (the user's turn ended) and returns its final. */
  finalize(rest?: GatedFrame): PendingParts {
    if (!this.#recognizer.inUtterance) return Promise.resolve([{ type: 'final', text: '' }]);
    if (rest && rest.decode.length > 0) this.#feed(rest.decode, frameLevelDb(rest.gate), false);
    this.#gate = { ...this.#gate, inSpeech: false, run: 0 };
    return this.#finish();
  }

  #begin(startMs: number): void {
    this.#recognizer.start();
    this.#utteranceStartMs = startMs;
    this.#utteranceFrames = 0;
    // The frames that opened the gate count as speech.
    this.#speechFrames = this.#options.gate.startFrames;
    this.#utterance += 1;
    this.#level?.begin();
    this.#levelsDb = [];
  }

  /** `levelDb`: the gate's level of the frame; `speech`: whether it is above the speech threshold. */
  #feed(samples: Int16Array, levelDb: number, speech: boolean): void {
    if (this.#level) this.#level.push(samples, speech ? levelDb : undefined);
    else this.#recognizer.process(samples);
    this.#levelsDb.push(levelDb);
    this.#utteranceFrames += 1;
  }

  #interimEvery(): PendingParts | undefined {
    const options = this.#options;
    const early = this.#utteranceFrames * GATE_FRAME_MS <= options.earlyInterimUntilMs;
    const everyMs = early ? options.earlyInterimEveryMs : options.interimEveryMs;
    const everyFrames = Math.max(1, Math.round(everyMs / GATE_FRAME_MS));
    if (this.#utteranceFrames % everyFrames !== 0 || this.#level?.holding) return undefined;
    // One interim at a time: a busy decoder is not asked again before it answered.
    if (this.#interimInFlight) return undefined;
    this.#interimInFlight = true;
    const utterance = this.#utterance;
    const loudness = this.#loudness();
    return this.#recognizer
      .interim(this.#utteranceStartMs)
      .then((interim): SttPart[] => {
        const spotted =
          options.spotted.inInterims &&
          spottedInstead({ ...interim, words: undefined }, loudness, options.spotted, (t) =>
            this.#recognizer.isTurnTaking(t),
          );
        const text = spotted ? spotted.text : interim.text;
        const alternatives = otherReadings(text, interim.spots, loudness, options.spotted);
        const said = alternatives.length === 0 ? text : `${text} | ${alternatives.join(' | ')}`;
        const last = this.#lastInterim;
        if (!text || (last.utterance === utterance && last.text === said)) return [];
        this.#lastInterim = { utterance, text: said };
        return [{ type: 'interim', text, ...(alternatives.length > 0 && { alternatives }) }];
      })
      .finally(() => {
        this.#interimInFlight = false;
      });
  }

  /** A frame is loud (speech, not the room) above this level: the floor and the gate's stop margin. */
  get #loudDb(): number {
    return noiseFloorDb(this.#gate, this.#options.gate) + this.#options.gate.stopDb;
  }

  /** The utterance's frames so far, loud or not. */
  #loudness(): UtteranceLoudness {
    const loudDb = this.#loudDb;
    return {
      startMs: this.#utteranceStartMs,
      frameMs: GATE_FRAME_MS,
      loud: this.#levelsDb.map((levelDb) => levelDb > loudDb),
    };
  }

  #finish(): PendingParts {
    this.#level?.release();
    // What the result is judged by, as it is now: the next utterance may begin before it comes.
    const loudness = this.#loudness();
    const keepOverSpeech = wordsOverSpeech(
      this.#levelsDb,
      this.#utteranceStartMs,
      this.#loudDb,
      this.#options.minWordSpeechShare,
    );
    const spotted = this.#options.spotted;
    this.#preroll = [];
    const speechMs = this.#speechFrames * GATE_FRAME_MS;
    const reported = speechMs >= this.#options.minSpeechMs;
    const onUtterance = this.#options.onUtterance;
    const spottedOver = (spots: readonly Spot[]) =>
      wholeUtteranceSpot(spots, loudness, spotted) !== undefined;
    const finished = this.#recognizer.finish(this.#utteranceStartMs, spottedOver);
    return finished.then((recognized): SttPart[] => {
      const heard = keepOverSpeech(recognized);
      const instead = spottedInstead(heard, loudness, spotted, (text) =>
        this.#recognizer.isTurnTaking(text),
      );
      const result = instead ? { ...heard, ...instead, confidence: undefined } : heard;
      onUtterance?.({
        ...result,
        speechMs,
        reported,
        spotted: instead !== undefined,
        unspotted: heard,
        loudness,
      });
      if (!result.text || !reported) return [];
      // What the decoders heard stays a reading when a spot replaced it: a spot alone never
      // turns their "so" (or "ok") into a word that stops the agent.
      const decodersReading = instead && heard.text !== '' ? [heard.text] : [];
      const alternatives = [
        ...new Set([
          ...otherReadings(result.text, heard.spots, loudness, spotted),
          ...decodersReading,
        ]),
      ];
      return [
        {
          type: 'final',
          text: result.text,
          words: result.words,
          ...(alternatives.length > 0 && { alternatives }),
          ...(result.confidence !== undefined ? { confidence: result.confidence } : {}),
        },
      ];
    });
  }
}

/**
 * The result without the words that lie over noise or silence (see
 * minWordSpeechShare): `levelsDb` holds the level of every frame fed since
 * `startMs`, a frame is loud above `thresholdDb`.
 */
function wordsOverSpeech(
  levelsDb: readonly number[],
  startMs: number,
  thresholdDb: number,
  minShare: number,
): (result: RecognizedUtterance) => RecognizedUtterance {
  return (result) => {
    const kept = result.words.filter((word) => {
      const from = Math.max(0, Math.round((word.startMs - startMs) / GATE_FRAME_MS));
      const to = Math.round((word.endMs - startMs) / GATE_FRAME_MS);
      const levels = levelsDb.slice(from, Math.max(from + 1, to));
      if (levels.length === 0) return true;
      const loud = levels.filter((levelDb) => levelDb > thresholdDb).length;
      return loud / levels.length >= minShare;
    });
    if (kept.length === result.words.length) return result;
    return { ...result, words: kept, text: kept.map((word) => word.word).join(' ') };
  };
}
