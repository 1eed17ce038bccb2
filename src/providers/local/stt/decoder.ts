import { ProviderError } from '../../../spec/errors.ts';
import type { WordTiming } from '../../../spec/model.ts';
import { decoderArgs, type DecoderPaths } from './config.ts';
import { loadPocketsphinx, type PocketsphinxLib } from './ffi.ts';
import { sharedLanguageModel, underSharedModelLock } from './shared-lm.ts';
import { isFillerToken, stripAlternateMarker } from './tokens.ts';

/** The name of the n-gram search in a decoder. */
const LM_SEARCH = 'lm';

/** pocketsphinx works in 10 ms frames (-frate 100). */
export const FRAME_MS = 10;

export interface DecodedUtterance {
  readonly text: string;
  readonly words: readonly WordTiming[];
  /** Acoustic score per frame of the best path (engine units; higher is better). */
  readonly acousticPerFrame: number;
  readonly confidence: number | undefined;
}

function providerError(message: string, cause?: unknown): ProviderError {
  return new ProviderError(message, { provider: 'local', retryable: false, cause });
}

/**
 * One pocketsphinx decoder (one native ps_decoder_t). Either an n-gram language
 * model decoder or a grammar-only decoder. Not thread safe; one per stream.
 */
export class SphinxDecoder {
  static #openCount = 0;
  readonly #lib: PocketsphinxLib;
  #config: unknown;
  #ps: unknown;
  #inUtterance = false;
  /** Holds the shared language model: freed under its lock (see shared-lm.ts). */
  #sharesModel = false;

  private constructor(lib: PocketsphinxLib, config: unknown, ps: unknown) {
    this.#lib = lib;
    this.#config = config;
    this.#ps = ps;
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
    SphinxDecoder.#openCount += 1;
    const decoder = new SphinxDecoder(lib, config, ps);
    if (sharedLm === undefined) return decoder;
    decoder.#sharesModel = true;
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
      decoder.close();
      throw error;
    }
  }

  /** Native decoders opened and not yet closed in this process (for leak checks). */
  static get liveCount(): number {
    return SphinxDecoder.#openCount;
  }

  get closed(): boolean {
    return this.#ps === null;
  }

  /** Phones for `word` in the dictionary, or null when unknown. */
  lookup(word: string): string | null {
    return this.#lib.lookupWord(this.#live(), word);
  }

  /**
   * Adds a pronunciation; a word already in the dictionary with other phones
   * gets it as an alternate (`word(2)`, `word(3)` …). `update` false defers
   * rebuilding the search (pass true on the last). Adding an existing key
   * would fail and leave libpocketsphinx 5prealpha unstable, so keys are
   * looked up first.
   */
  addWord(word: string, phones: string, update: boolean): void {
    const wanted = phones.replace(/\s+/g, ' ').trim();
    let key = word;
    for (let alternate = 2; ; alternate++) {
      const existing = this.lookup(key);
      if (existing === null) break;
      if (existing.trim() === wanted) return;
      key = `${word}(${alternate})`;
    }
    if (this.#lib.addWord(this.#live(), key, wanted, update ? 1 : 0) < 0) {
      throw providerError(`pocketsphinx could not add "${word}" with phones "${wanted}"`);
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

  get inUtterance(): boolean {
    return this.#inUtterance;
  }

  start(): void {
    if (this.#lib.startUtt(this.#live()) < 0) throw providerError('ps_start_utt failed');
    this.#inUtterance = true;
  }

  process(samples: Int16Array): void {
    if (this.#lib.processRaw(this.#live(), samples, samples.length, 0, 0) < 0) {
      throw providerError('ps_process_raw failed');
    }
  }

  /** The current best hypothesis text (fillers removed), mid-utterance or after end. */
  hypothesis(): string {
    return cleanText(this.#lib.getHyp(this.#live(), null));
  }

  /** Acoustic score per frame of the current best path (mid-utterance too). */
  fit(): number {
    const lib = this.#lib;
    const start = new Int32Array(1);
    const end = new Int32Array(1);
    const ascr = new Int32Array(1);
    const unused = new Int32Array(1);
    let acoustic = 0;
    let frames = 0;
    for (let seg = lib.segIter(this.#live()); seg; seg = lib.segNext(seg)) {
      lib.segFrames(seg, start, end);
      lib.segProb(seg, ascr, unused, unused);
      acoustic += ascr[0] ?? 0;
      frames = Math.max(frames, (end[0] ?? 0) + 1);
    }
    return frames > 0 ? acoustic / frames : 0;
  }

  end(): void {
    this.#inUtterance = false;
    if (this.#lib.endUtt(this.#live()) < 0) throw providerError('ps_end_utt failed');
  }

  /** The finished utterance, word times offset by `offsetMs` (stream time of frame 0). */
  result(offsetMs: number, withConfidence: boolean): DecodedUtterance {
    const lib = this.#lib;
    const ps = this.#live();
    const text = this.hypothesis();
    const logmath = lib.getLogmath(ps);
    // ps_get_prob runs the lattice posterior computation the word posteriors need.
    if (withConfidence && text) lib.getProb(ps);
    const words: WordTiming[] = [];
    const start = new Int32Array(1);
    const end = new Int32Array(1);
    const ascr = new Int32Array(1);
    const lscr = new Int32Array(1);
    const lback = new Int32Array(1);
    let acoustic = 0;
    let frames = 0;
    for (let seg = lib.segIter(ps); seg; seg = lib.segNext(seg)) {
      const token = lib.segWord(seg);
      lib.segFrames(seg, start, end);
      const posterior = lib.segProb(seg, ascr, lscr, lback);
      acoustic += ascr[0] ?? 0;
      frames = Math.max(frames, (end[0] ?? 0) + 1);
      if (!token || isFillerToken(token)) continue;
      words.push({
        word: stripAlternateMarker(token),
        startMs: offsetMs + (start[0] ?? 0) * FRAME_MS,
        endMs: offsetMs + ((end[0] ?? 0) + 1) * FRAME_MS,
        ...(withConfidence ? { confidence: lib.logmathExp(logmath, posterior) } : {}),
      });
    }
    // The utterance posterior is a product over words (tiny for any long
    // utterance); the mean word posterior is the more useful figure.
    const confidences = words.flatMap((word) =>
      word.confidence === undefined ? [] : [word.confidence],
    );
    const confidence =
      confidences.length > 0
        ? confidences.reduce((a, b) => a + b, 0) / confidences.length
        : undefined;
    return { text, words, acousticPerFrame: frames > 0 ? acoustic / frames : 0, confidence };
  }

  /**
   * Frees the native decoder and its config. Safe to call twice; unusable at
   * once. A decoder holding the shared model is freed as soon as no other
   * thread touches the model (within milliseconds), never during that work.
   */
  close(): void {
    if (this.#ps === null) return;
    const ps = this.#ps;
    const config = this.#config;
    const lib = this.#lib;
    if (this.#inUtterance) lib.endUtt(ps);
    this.#ps = null;
    this.#config = null;
    SphinxDecoder.#openCount -= 1;
    const free = () => {
      lib.free(ps);
      lib.cmdLnFree(config);
    };
    if (this.#sharesModel) void underSharedModelLock(free);
    else free();
  }

  #live(): unknown {
    if (this.#ps === null) throw providerError('pocketsphinx decoder used after close');
    return this.#ps;
  }
}

function cleanText(hypothesis: string | null): string {
  if (!hypothesis) return '';
  return hypothesis
    .split(/\s+/)
    .filter((token) => token && !isFillerToken(token))
    .map(stripAlternateMarker)
    .join(' ');
}
