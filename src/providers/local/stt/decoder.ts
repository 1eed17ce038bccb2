import { INPUT_SAMPLE_RATE } from '../../../spec/audio.ts';
import { ClosedError, ParleyError, ProviderError } from '../../../spec/errors.ts';
import { AudioBatches } from './audio-batches.ts';
import { decoderArgs, type DecoderPaths } from './config.ts';
import {
  cleanText,
  meanConfidence,
  pathFit,
  readWords,
  type DecodedUtterance,
} from './segments.ts';
import { loadPocketsphinx, type PocketsphinxLib } from './ffi.ts';
import { Lane } from './lane.ts';
import { readSpots, type Spot } from './spots.ts';
import { sharedLanguageModel, sharedModelLane, underSharedModelLock } from './shared-lm.ts';

export type { DecodedUtterance } from './segments.ts';

/** The name of the n-gram search in a decoder. */
const LM_SEARCH = 'lm';

const SAMPLES_PER_MS = INPUT_SAMPLE_RATE / 1000;

/**
 * Audio gathered before one ps_process_raw call when nothing asks for a result
 * sooner: fewer calls (each costs a worker-thread round trip), and at the end
 * of an utterance at most this much is left to decode before ps_end_utt.
 */
const BATCH_MS = 40;

/**
 * The batch while other calls wait in the lane: each call costs two thread
 * wake-ups, which take milliseconds on a loaded machine, so a busy lane gets
 * one call per 160 ms instead of four (an interim, every 80 ms, asks for one sooner).
 */
const BUSY_BATCH_MS = 160;

function providerError(message: string, cause?: unknown): ProviderError {
  return new ProviderError(message, { provider: 'local', retryable: false, cause });
}

/**
 * One pocketsphinx decoder (one native ps_decoder_t): an n-gram language model
 * decoder or a grammar-only decoder; one per stream. Decoding runs on libuv
 * worker threads, one call at a time on the decoder's lane: its own for a
 * grammar decoder, the shared model's (shared-lm.ts) for an n-gram decoder, so
 * decoders sharing a model never decode at once. The main thread queues audio
 * and reads results. The vocabulary methods (lookup, addWords, useGrammar) are
 * used only while opening, before any call is queued.
 */
export class SphinxDecoder {
  static #openCount = 0;
  static #nativeCount = 0;
  static readonly #freeing = new Set<Promise<void>>();
  readonly #lib: PocketsphinxLib;
  readonly #lane: Lane;
  readonly #batches = new AudioBatches();
  #config: unknown;
  #ps: unknown;
  #inUtterance = false;
  #closing = false;
  #freed: Promise<void> = Promise.resolve();
  #failure: ParleyError | undefined;

  private constructor(lib: PocketsphinxLib, config: unknown, ps: unknown, lane: Lane) {
    this.#lib = lib;
    this.#config = config;
    this.#ps = ps;
    this.#lane = lane;
    SphinxDecoder.#openCount += 1;
    SphinxDecoder.#nativeCount += 1;
  }

  /**
   * A decoder with the acoustic model and dictionary; `withLm` adds an n-gram
   * search over `languageModel`, by default the process-wide shared language
   * model (shared-lm.ts).
   */
  static async open(
    paths: DecoderPaths,
    withLm: boolean,
    languageModel?: Promise<unknown>,
  ): Promise<SphinxDecoder> {
    const lib = loadPocketsphinx();
    const sharedLm = withLm ? (languageModel ?? sharedLanguageModel(paths)) : undefined;
    const argv = decoderArgs(paths, false);
    const config = lib.cmdLnParse(null, lib.psArgs(), argv.length, argv, 1);
    if (!config) throw providerError(`pocketsphinx rejected its arguments: ${argv.join(' ')}`);
    let ps: unknown;
    try {
      ps = await lib.initAsync(config);
    } catch (error) {
      lib.cmdLnFree(config);
      throw providerError('ps_init failed', error);
    }
    if (!ps) {
      lib.cmdLnFree(config);
      throw providerError(`pocketsphinx failed to load the model in ${paths.modelDir}`);
    }
    const lane = sharedLm === undefined ? new Lane() : sharedModelLane;
    const decoder = new SphinxDecoder(lib, config, ps, lane);
    if (sharedLm === undefined) return decoder;
    try {
      const model = await sharedLm;
      await underSharedModelLock(async () => {
        if (
          Number(await lib.setLmAsync(ps, LM_SEARCH, model)) < 0 ||
          lib.setSearch(ps, LM_SEARCH) < 0
        ) {
          throw providerError('pocketsphinx could not use the shared language model');
        }
      });
      return decoder;
    } catch (error) {
      void decoder.close();
      throw error;
    }
  }

  /** Decoders opened and not yet closed in this process (for leak checks). */
  static get liveCount(): number {
    return SphinxDecoder.#openCount;
  }

  /** Native decoders not yet freed (a closed decoder is freed after its running call). */
  static get nativeCount(): number {
    return SphinxDecoder.#nativeCount;
  }

  /** Resolves when every decoder closed so far has been freed. */
  static async allFreed(): Promise<void> {
    await Promise.allSettled([...SphinxDecoder.#freeing]);
  }

  get closed(): boolean {
    return this.#closing;
  }

  /** Phones for `word` in the dictionary, or null when unknown. */
  lookup(word: string): string | null {
    return this.#lib.lookupWord(this.#live(), word);
  }

  /**
   * Adds pronunciations; a word already in the dictionary with other phones
   * gets it as an alternate (`word(2)`, `word(3)` …). Adding an existing key
   * would fail and leave libpocketsphinx 5prealpha unstable, so keys are looked
   * up first. The search is rebuilt once, with the last word added, on a worker
   * thread (~25 ms for a 20,000-word n-gram search). Only while opening.
   */
  async addWords(pronunciations: readonly (readonly [string, string])[]): Promise<void> {
    const adds: [string, string][] = [];
    const pending = new Map<string, string>();
    for (const [word, phones] of pronunciations) {
      const key = this.#newKey(word, phones.replace(/\s+/g, ' ').trim(), pending);
      if (key === undefined) continue;
      adds.push(key);
      pending.set(...key);
    }
    const ps = this.#live();
    for (const [index, [key, phones]] of adds.entries()) {
      const update = index === adds.length - 1;
      const added = update
        ? await this.#lib.addWordAsync(ps, key, phones, 1)
        : this.#lib.addWord(ps, key, phones, 0);
      if (added < 0) {
        throw providerError(`pocketsphinx could not add "${key}" with phones "${phones}"`);
      }
    }
  }

  /**
   * The key to add `phones` under, or undefined when the word already has them; `pending` holds
   * the keys of this batch not added yet (two alternates of one word must not share `word(2)`).
   */
  #newKey(
    word: string,
    phones: string,
    pending: ReadonlyMap<string, string>,
  ): [string, string] | undefined {
    let key = word;
    for (let alternate = 2; ; alternate++) {
      const existing = pending.get(key) ?? this.lookup(key);
      if (existing === null) return [key, phones];
      if (existing.trim() === phones) return undefined;
      key = `${word}(${alternate})`;
    }
  }

  /** Compiles a JSGF grammar and makes it the active search. */
  useGrammar(jsgf: string): void {
    const ps = this.#live();
    if (
      this.#lib.setJsgfString(ps, 'grammar', jsgf) < 0 ||
      this.#lib.setSearch(ps, 'grammar') < 0
    ) {
      throw providerError('pocketsphinx could not compile the JSGF grammar');
    }
  }

  /**
   * Makes a keyword-spotting search over the phrases of `keyfile` (`phrase /threshold/` a
   * line) the active search.
   */
  useKeyphrases(keyfile: string): void {
    const ps = this.#live();
    if (this.#lib.setKws(ps, 'spot', keyfile) < 0 || this.#lib.setSearch(ps, 'spot') < 0) {
      throw providerError(`pocketsphinx could not read the keyphrases in ${keyfile}`);
    }
  }

  /** A keyword search's detections so far (stream ms, frame 0 at `offsetMs`), in order. */
  spots(offsetMs: number): Promise<Spot[]> {
    return this.#job((ps) => readSpots(this.#lib, this.#lib.segIter(ps), offsetMs));
  }

  /** Ends a keyword search's utterance and reads its detections. */
  finishSpots(offsetMs: number): Promise<Spot[]> {
    this.#inUtterance = false;
    return this.#job(async (ps) => {
      if ((await this.#lib.endUttAsync(ps)) < 0) throw providerError('ps_end_utt failed');
      return readSpots(this.#lib, this.#lib.segIter(ps), offsetMs);
    });
  }

  /** An utterance was started and not yet finished (as queued: the calls may still run). */
  get inUtterance(): boolean {
    return this.#inUtterance;
  }

  /** Audio queued and not yet decoded (ms). */
  get backlogMs(): number {
    return this.#batches.backlogSamples / SAMPLES_PER_MS;
  }

  /**
   * Resolves once at most `maxMs` of audio (or one batch, when batches are larger)
   * waits to be decoded, or the decoder closed or failed.
   */
  async drained(maxMs: number): Promise<void> {
    const limitMs = Math.max(maxMs, this.#batchMs);
    if (this.backlogMs <= limitMs || this.#closing || this.#failure) return;
    this.#submitPending();
    await new Promise<void>((resolve) => this.#batches.wake(limitMs * SAMPLES_PER_MS, resolve));
  }

  get #batchMs(): number {
    return this.#lane.length > 1 ? BUSY_BATCH_MS : BATCH_MS;
  }

  start(): void {
    this.#inUtterance = true;
    void this.#job((ps) => {
      if (this.#lib.startUtt(ps) < 0) throw providerError('ps_start_utt failed');
    }).catch(seenByNextResult);
  }

  /**
   * Queues audio. It is decoded on a worker thread in batches: all audio queued
   * since the last batch started, at least `BATCH_MS` (`BUSY_BATCH_MS` while other calls
   * wait in the lane) unless a result is asked for.
   * The arrays are kept until decoded: the caller must not change them.
   */
  process(samples: Int16Array): void {
    this.#batches.add(samples);
    if (this.#batches.pendingSamples >= this.#batchMs * SAMPLES_PER_MS) this.#submitPending();
  }

  /** The current best hypothesis (fillers removed) and its fit, after the audio queued so far. */
  interim(): Promise<{ text: string; acousticPerFrame: number }> {
    return this.#job((ps) => ({
      text: cleanText(this.#lib.getHyp(ps, null)),
      acousticPerFrame: pathFit(this.#lib, this.#lib.segIter(ps)),
    }));
  }

  /**
   * Ends the utterance and reads it, word times offset by `offsetMs` (stream time
   * of frame 0). `acousticPerFrame` is the fit of the search's own path, read
   * before the lattice pass (whose scores are on another scale).
   */
  finish(offsetMs: number, withConfidence: boolean): Promise<DecodedUtterance> {
    this.#inUtterance = false;
    return this.#job(async (ps) => {
      const lib = this.#lib;
      const acousticPerFrame = pathFit(lib, lib.segIter(ps));
      if ((await lib.endUttAsync(ps)) < 0) throw providerError('ps_end_utt failed');
      const text = cleanText(await lib.getHypAsync(ps));
      // ps_get_prob runs the lattice posterior computation the word posteriors need.
      if (withConfidence && text) await lib.getProbAsync(ps);
      const seg = await lib.segIterAsync(ps);
      const words = readWords(lib, lib.getLogmath(ps), seg, offsetMs, withConfidence);
      return { text, words, acousticPerFrame, confidence: meanConfidence(words) };
    });
  }

  /**
   * Unusable at once; the native decoder and its config are freed on its lane,
   * after the call running on a worker thread (if any) returns — never during
   * it. Calls queued and not yet started are dropped. Safe to call twice.
   */
  close(): Promise<void> {
    if (this.#closing) return this.#freed;
    this.#closing = true;
    this.#inUtterance = false;
    this.#batches.clear();
    SphinxDecoder.#openCount -= 1;
    const lib = this.#lib;
    this.#freed = this.#lane.run(async () => {
      const ps = this.#ps;
      const config = this.#config;
      this.#ps = null;
      this.#config = null;
      try {
        await lib.freeAsync(ps);
      } catch (error) {
        // koffi could not queue the call (its queue holds 256): free it here, still on the lane.
        void error;
        lib.free(ps);
      }
      lib.cmdLnFree(config);
      SphinxDecoder.#nativeCount -= 1;
    });
    SphinxDecoder.#freeing.add(this.#freed);
    void this.#freed.finally(() => SphinxDecoder.#freeing.delete(this.#freed));
    return this.#freed;
  }

  /** Queues the audio not yet handed to a batch as one ps_process_raw call. */
  #submitPending(): void {
    const batch = this.#batches.takePending();
    if (batch === undefined) return;
    void this.#run(async (ps) => {
      const samples = batch.start();
      if ((await this.#lib.processRawAsync(ps, samples, samples.length)) < 0) {
        throw providerError('ps_process_raw failed');
      }
    })
      .finally(() => this.#batches.done(batch))
      .catch(seenByNextResult);
  }

  /** Queues `work` after the audio queued so far. */
  #job<T>(work: (ps: unknown) => T | Promise<T>): Promise<T> {
    if (this.#closing) return Promise.reject(closedError());
    this.#submitPending();
    this.#batches.seal();
    return this.#run(work);
  }

  /**
   * Runs `work` on the decoder's lane. A failure fails every later call (the
   * decoder's state is unknown); after close, calls not yet started are dropped
   * with a ClosedError.
   */
  #run<T>(work: (ps: unknown) => T | Promise<T>): Promise<T> {
    return this.#lane.run(async () => {
      if (this.#closing || this.#ps === null) throw closedError();
      if (this.#failure) throw this.#failure;
      try {
        return await work(this.#ps);
      } catch (error) {
        this.#failure = ParleyError.isInstance(error)
          ? error
          : providerError('pocketsphinx decoding failed', error);
        this.#batches.clear();
        throw this.#failure;
      }
    });
  }

  #live(): unknown {
    if (this.#ps === null || this.#closing) throw closedError();
    return this.#ps;
  }
}

/**
 * A queued call that returns nothing: its failure is kept by the decoder and
 * thrown by the next call that returns a result; after close it is a ClosedError.
 */
function seenByNextResult(error: unknown): void {
  void error;
}

function closedError(): ClosedError {
  return new ClosedError('pocketsphinx decoder used after close');
}
