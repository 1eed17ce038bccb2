import type * as Koffi from 'koffi';
import { ProviderError } from '../../../spec/errors.ts';
import { requireOptional } from '../optional-package.ts';

/**
 * koffi bindings for Debian's libpocketsphinx 5prealpha (and the sphinxbase
 * config/log helpers it needs). Signatures copied from
 * /usr/include/pocketsphinx/{pocketsphinx,ps_search}.h and sphinxbase/{cmd_ln,err,logmath}.h.
 */
export interface PocketsphinxLib {
  readonly psArgs: () => unknown;
  readonly cmdLnParse: (
    prev: null,
    defn: unknown,
    argc: number,
    argv: string[],
    strict: number,
  ) => unknown;
  readonly cmdLnFree: (config: unknown) => number;
  /** ps_init on a libuv worker thread: loading a model takes ~100–300 ms. */
  readonly initAsync: (config: unknown) => Promise<unknown>;
  readonly free: (ps: unknown) => number;
  readonly addWord: (ps: unknown, word: string, phones: string, update: number) => number;
  /** ps_add_word on a worker: with `update` it rebuilds the search (~25 ms for 20,000 words). */
  readonly addWordAsync: (
    ps: unknown,
    word: string,
    phones: string,
    update: number,
  ) => Promise<number>;
  readonly lookupWord: (ps: unknown, word: string) => string | null;
  readonly setJsgfString: (ps: unknown, name: string, jsgf: string) => number;
  readonly setSearch: (ps: unknown, name: string) => number;
  /** Adds a keyword-spotting search over the phrases of `keyfile` (one `phrase /threshold/` a line). */
  readonly setKws: (ps: unknown, name: string, keyfile: string) => number;
  readonly startUtt: (ps: unknown) => number;
  readonly processRaw: (
    ps: unknown,
    data: Int16Array,
    nSamples: number,
    noSearch: number,
    fullUtt: number,
  ) => number;
  readonly endUtt: (ps: unknown) => number;
  readonly getHyp: (ps: unknown, outScore: Int32Array | null) => string | null;
  readonly getProb: (ps: unknown) => number;
  /**
   * The decoding calls on a libuv worker thread (koffi `.async`). A decoder holding a
   * shared language model must never run two at once with another such decoder (see
   * lane.ts); the typed array passed to `processRawAsync` must stay untouched until it settles.
   */
  readonly processRawAsync: (ps: unknown, data: Int16Array, nSamples: number) => Promise<number>;
  readonly endUttAsync: (ps: unknown) => Promise<number>;
  readonly getHypAsync: (ps: unknown) => Promise<string | null>;
  readonly getProbAsync: (ps: unknown) => Promise<number>;
  /** `ps_seg_iter`: after the utterance it runs the lattice's best path (milliseconds). */
  readonly segIterAsync: (ps: unknown) => Promise<unknown>;
  readonly freeAsync: (ps: unknown) => Promise<number>;
  readonly getLogmath: (ps: unknown) => unknown;
  readonly logmathExp: (logmath: unknown, value: number) => number;
  readonly segIter: (ps: unknown) => unknown;
  readonly segNext: (seg: unknown) => unknown;
  readonly segWord: (seg: unknown) => string;
  readonly segFrames: (seg: unknown, startFrame: Int32Array, endFrame: Int32Array) => void;
  readonly segProb: (seg: unknown, ascr: Int32Array, lscr: Int32Array, lback: Int32Array) => number;
  readonly segFree: (seg: unknown) => void;
  readonly logmathInit: (base: number, shift: number, useTable: number) => unknown;
  /** ngram_model_read on a libuv worker thread: the 27 MB en-us model takes ~1 s to read. */
  readonly ngramModelReadAsync: (
    config: unknown,
    path: string,
    fileType: number,
    logmath: unknown,
  ) => Promise<unknown>;
  readonly ngramModelFree: (model: unknown) => number;
  /** Takes another reference to a model (`ngram_model_retain`). */
  readonly ngramModelRetain: (model: unknown) => unknown;
  /** Interpolates `models` with `weights` (`ngram_model_set_init`); the set owns one reference to each. */
  readonly ngramModelSetInit: (
    config: unknown,
    models: unknown[],
    names: string[],
    weights: Float32Array,
    count: number,
  ) => unknown;
  /** The model's n-gram counts, unigrams first (`ngram_model_get_counts`). */
  readonly ngramUnigramCount: (model: unknown) => number;
  /** The word with id `wid` (0 … unigrams − 1). */
  readonly ngramWord: (model: unknown, wid: number) => string | null;
  /** The weighted unigram score of word `wid` (`ngram_ng_score` with no history). */
  readonly ngramUnigramScore: (model: unknown, wid: number) => number;
  /**
   * Adds an n-gram search named `name` over `model` (retained, not copied: decoders
   * share it), on a libuv worker: building the search over 130k words takes ~0.3–0.5 s.
   */
  readonly setLmAsync: (ps: unknown, name: string, model: unknown) => Promise<unknown>;
}

/** sphinxbase's ngram_file_type_t: let the reader detect ARPA or binary. */
export const NGRAM_AUTO = 0;

let loaded: PocketsphinxLib | undefined;

/** Loads libpocketsphinx once per process; throws ProviderError when it is missing. */
export function loadPocketsphinx(): PocketsphinxLib {
  if (loaded) return loaded;
  // koffi is an optional peer, loaded at the first recogniser, never at import.
  const koffi = requireOptional<typeof Koffi>('koffi', 'the offline recogniser (pocketsphinx)');
  let ps: Koffi.IKoffiLib;
  let base: Koffi.IKoffiLib;
  try {
    base = koffi.load('libsphinxbase.so.3');
    ps = koffi.load('libpocketsphinx.so.3');
  } catch (error) {
    throw new ProviderError('libpocketsphinx is not installed (apt-get install libpocketsphinx3)', {
      provider: 'local',
      retryable: false,
      cause: error,
    });
  }
  koffi.opaque('ps_decoder_t');
  // Silence the engine's chatter on stderr: logging goes nowhere.
  base.func('void err_set_logfp(void *stream)')(null);
  loaded = {
    psArgs: ps.func('void *ps_args()'),
    cmdLnParse: base.func(
      'void *cmd_ln_parse_r(void *prev, void *defn, int argc, const char **argv, int strict)',
    ),
    cmdLnFree: base.func('int cmd_ln_free_r(void *config)'),
    initAsync: onWorker(ps.func('ps_decoder_t *ps_init(void *config)')),
    free: ps.func('int ps_free(ps_decoder_t *ps)'),
    addWord: ps.func(
      'int ps_add_word(ps_decoder_t *ps, const char *word, const char *phones, int update)',
    ),
    lookupWord: lookupWordFn(koffi, ps, base),
    setJsgfString: ps.func(
      'int ps_set_jsgf_string(ps_decoder_t *ps, const char *name, const char *jsgf)',
    ),
    setSearch: ps.func('int ps_set_search(ps_decoder_t *ps, const char *name)'),
    setKws: ps.func('int ps_set_kws(ps_decoder_t *ps, const char *name, const char *keyfile)'),
    startUtt: ps.func('int ps_start_utt(ps_decoder_t *ps)'),
    processRaw: ps.func(
      'int ps_process_raw(ps_decoder_t *ps, const int16_t *data, size_t n, int noSearch, int fullUtt)',
    ),
    endUtt: ps.func('int ps_end_utt(ps_decoder_t *ps)'),
    getHyp: ps.func('const char *ps_get_hyp(ps_decoder_t *ps, _Out_ int32_t *score)'),
    getProb: ps.func('int32_t ps_get_prob(ps_decoder_t *ps)'),
    ...decodingOnWorker(ps),
    getLogmath: ps.func('void *ps_get_logmath(ps_decoder_t *ps)'),
    logmathExp: base.func('double logmath_exp(void *lmath, int logb)'),
    segIter: ps.func('void *ps_seg_iter(ps_decoder_t *ps)'),
    segNext: ps.func('void *ps_seg_next(void *seg)'),
    segWord: ps.func('const char *ps_seg_word(void *seg)'),
    segFrames: ps.func('void ps_seg_frames(void *seg, _Out_ int *sf, _Out_ int *ef)'),
    segProb: ps.func(
      'int32_t ps_seg_prob(void *seg, _Out_ int32_t *ascr, _Out_ int32_t *lscr, _Out_ int32_t *lback)',
    ),
    segFree: ps.func('void ps_seg_free(void *seg)'),
    logmathInit: base.func('void *logmath_init(double base, int shift, int use_table)'),
    ngramModelReadAsync: onWorker(
      base.func(
        'void *ngram_model_read(void *config, const char *file_name, int file_type, void *lmath)',
      ),
    ),
    ngramModelFree: base.func('int ngram_model_free(void *model)'),
    ngramModelRetain: base.func('void *ngram_model_retain(void *model)'),
    ngramModelSetInit: base.func(
      'void *ngram_model_set_init(void *config, void **models, const char **names, const float *weights, int count)',
    ),
    ngramUnigramCount: unigramCountFn(koffi, base),
    ngramWord: base.func('const char *ngram_word(void *model, int32_t wid)'),
    ngramUnigramScore: unigramScoreFn(base),
    setLmAsync: onWorker(ps.func('int ps_set_lm(ps_decoder_t *ps, const char *name, void *lm)')),
  };
  return loaded;
}

function unigramCountFn(koffi: typeof Koffi, base: Koffi.IKoffiLib) {
  const counts = base.func('void *ngram_model_get_counts(void *model)');
  return (model: unknown): number => {
    const pointer: unknown = counts(model);
    if (pointer === null) return 0;
    return (koffi.decode(pointer, 'uint32_t', 1) as number[])[0] ?? 0;
  };
}

function unigramScoreFn(base: Koffi.IKoffiLib) {
  const score = base.func(
    'int32_t ngram_ng_score(void *model, int32_t wid, int32_t *history, int32_t nHist, _Out_ int32_t *nUsed)',
  );
  const used = new Int32Array(1);
  return (model: unknown, wid: number): number => score(model, wid, null, 0, used) as number;
}

/** ps_lookup_word returns a malloc'd string the caller must free (ckd_free). */
function lookupWordFn(koffi: typeof Koffi, ps: Koffi.IKoffiLib, base: Koffi.IKoffiLib) {
  const lookup = ps.func('void *ps_lookup_word(ps_decoder_t *ps, const char *word)');
  const ckdFree = base.func('void ckd_free(void *ptr)');
  return (decoder: unknown, word: string): string | null => {
    const pointer: unknown = lookup(decoder, word);
    if (pointer === null) return null;
    const phones = koffi.decode(pointer, 'char', -1) as string;
    ckdFree(pointer);
    return phones;
  };
}

function decodingOnWorker(ps: Koffi.IKoffiLib) {
  const processRaw = onWorker(
    ps.func(
      'int ps_process_raw(ps_decoder_t *ps, const int16_t *data, size_t n, int noSearch, int fullUtt)',
    ),
  );
  const getHyp = onWorker(ps.func('const char *ps_get_hyp(ps_decoder_t *ps, int32_t *score)'));
  return {
    processRawAsync: (decoder: unknown, data: Int16Array, nSamples: number) =>
      processRaw(decoder, data, nSamples, 0, 0) as Promise<number>,
    endUttAsync: onWorker(ps.func('int ps_end_utt(ps_decoder_t *ps)')) as (
      ps: unknown,
    ) => Promise<number>,
    getHypAsync: (decoder: unknown) => getHyp(decoder, null) as Promise<string | null>,
    getProbAsync: onWorker(ps.func('int32_t ps_get_prob(ps_decoder_t *ps)')) as (
      ps: unknown,
    ) => Promise<number>,
    segIterAsync: onWorker(ps.func('void *ps_seg_iter(ps_decoder_t *ps)')),
    addWordAsync: onWorker(
      ps.func(
        'int ps_add_word(ps_decoder_t *ps, const char *word, const char *phones, int update)',
      ),
    ) as (ps: unknown, word: string, phones: string, update: number) => Promise<number>,
    freeAsync: onWorker(ps.func('int ps_free(ps_decoder_t *ps)')) as (
      ps: unknown,
    ) => Promise<number>,
  };
}

/** `fn` on a libuv worker thread (koffi `.async`), as a promise. */
function onWorker(fn: Koffi.KoffiFunction): (...args: unknown[]) => Promise<unknown> {
  return (...args) =>
    new Promise((resolve, reject) => {
      fn.async(...args, (error: unknown, result: unknown) => {
        if (error)
          reject(
            error instanceof Error ? error : new Error('koffi async call failed', { cause: error }),
          );
        else resolve(result);
      });
    });
}
