import { ProviderError } from '../../../spec/errors.ts';
import { decoderArgs, type DecoderPaths } from './config.ts';
import { loadPocketsphinx, NGRAM_AUTO } from './ffi.ts';
import { Lane } from './lane.ts';

/** pocketsphinx's default `-logbase`: the shared model's scores must use the decoders' base. */
export const LOG_BASE = 1.0001;

const models = new Map<string, Promise<unknown>>();

/**
 * The n-gram language model at `paths.lmPath`, read once per process and shared
 * by every decoder (`ps_set_lm` retains it; it is never copied). Before, each
 * decoder read its own: ~65 MB of its ~95 MB. Kept for the life of the process.
 * Words an agent adds (`ps_add_word`) are added to the shared model too, as
 * unigrams that only a decoder whose dictionary has them can produce.
 */
export function sharedLanguageModel(paths: DecoderPaths): Promise<unknown> {
  const existing = models.get(paths.lmPath);
  if (existing) return existing;
  const reading = (async () => {
    const lib = loadPocketsphinx();
    const argv = decoderArgs(paths, true);
    // The model reader takes -mmap, -lw, -wip and -uw from a config like the decoders'.
    const config = lib.cmdLnParse(null, lib.psArgs(), argv.length, argv, 1);
    if (!config) throw providerError(`pocketsphinx rejected its arguments: ${argv.join(' ')}`);
    const logmath = lib.logmathInit(LOG_BASE, 0, 1);
    const model = await lib.ngramModelReadAsync(config, paths.lmPath, NGRAM_AUTO, logmath);
    if (!model)
      throw providerError(`pocketsphinx could not read the language model ${paths.lmPath}`);
    return model;
  })();
  models.set(paths.lmPath, reading);
  reading.catch(() => models.delete(paths.lmPath));
  return reading;
}

/**
 * The lane of everything that touches a shared model: its decoders' decoding
 * calls (on worker threads), attaching it to a decoder, adding words to it,
 * reading its words and freeing a decoder that holds it (reference counts).
 * libpocketsphinx is not thread safe, and sphinxbase's n-gram trie keeps a
 * mutable score cache (`lm_trie.c`: `hist_cache`, `backoff_cache`), so two
 * decoders sharing the model must never decode at once. One lane for every
 * model in the process (in practice there is one general model).
 */
export const sharedModelLane = new Lane();

/** Runs `task` on the shared model's lane (see `sharedModelLane`). */
export function underSharedModelLock<T>(task: () => T | Promise<T>): Promise<T> {
  return sharedModelLane.run(task);
}

function providerError(message: string): ProviderError {
  return new ProviderError(message, { provider: 'local', retryable: false });
}
