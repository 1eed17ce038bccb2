import { createHash } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProviderError } from '../../../spec/errors.ts';
import type { SttVocabulary } from '../../../spec/stt.ts';
import { buildArpa } from './arpa.ts';
import { decoderArgs, type DecoderPaths } from './config.ts';
import { loadPocketsphinx, NGRAM_AUTO } from './ffi.ts';
import { samplePhrases } from './phrase-samples.ts';
import { LOG_BASE, sharedLanguageModel, underSharedModelLock } from './shared-lm.ts';

const models = new Map<string, Promise<unknown>>();

/** The agent's sentences: its phrases (slots and alternatives drawn) and keywords. */
export function agentSentences(vocabulary: SttVocabulary): string[][] {
  return samplePhrases([...(vocabulary.phrases ?? []), ...(vocabulary.keywords ?? [])]);
}

async function writeArpa(text: string): Promise<string> {
  const dir = join(tmpdir(), 'parley-pocketsphinx');
  const path = join(dir, `${createHash('sha1').update(text).digest('hex')}.arpa`);
  await mkdir(dir, { recursive: true });
  const partial = `${path}.${process.pid}.tmp`;
  await writeFile(partial, text);
  await rename(partial, path);
  return path;
}

/**
 * The general language model interpolated with one estimated from the agent's
 * own phrases (weight `agentWeight`): "order four five seven one" and
 * "refund" become likely without anything else becoming impossible. One per
 * vocabulary and process, shared by that agent's decoders like the general
 * model is (which it holds a reference to, never a copy).
 */
export function agentLanguageModel(
  paths: DecoderPaths,
  vocabulary: SttVocabulary,
  agentWeight: number,
): Promise<unknown> {
  const key = `${paths.lmPath}\n${agentWeight}\n${JSON.stringify([vocabulary.phrases, vocabulary.keywords])}`;
  const existing = models.get(key);
  if (existing) return existing;
  const building = (async () => {
    const general = await sharedLanguageModel(paths);
    const file = await writeArpa(buildArpa(agentSentences(vocabulary)));
    const lib = loadPocketsphinx();
    const argv = decoderArgs(paths, true);
    const config = lib.cmdLnParse(null, lib.psArgs(), argv.length, argv, 1);
    if (!config) throw providerError(`pocketsphinx rejected its arguments: ${argv.join(' ')}`);
    const logmath = lib.logmathInit(LOG_BASE, 0, 1);
    const agent = await lib.ngramModelReadAsync(config, file, NGRAM_AUTO, logmath);
    if (!agent) throw providerError(`pocketsphinx could not read the agent's model ${file}`);
    return underSharedModelLock(() => {
      lib.ngramModelRetain(general);
      const weights = Float32Array.from([1 - agentWeight, agentWeight]);
      const set = lib.ngramModelSetInit(config, [general, agent], ['general', 'agent'], weights, 2);
      if (!set) throw providerError('pocketsphinx could not interpolate the language models');
      return set;
    });
  })();
  models.set(key, building);
  building.catch(() => models.delete(key));
  return building;
}

function providerError(message: string): ProviderError {
  return new ProviderError(message, { provider: 'local', retryable: false });
}
