import { ConfigError } from '../../../spec/errors.ts';
import type { DecoderPaths } from './config.ts';
import { SphinxDecoder } from './decoder.ts';
import { readDictionaryLines, writeGrammarDictionary } from './grammar-dictionary.ts';
import { keyphraseFile, normaliseKeyphrase, type KeyphraseOptions } from './keyphrases.ts';

/**
 * A keyword-spotting decoder for the few phrases turn-taking listens for ("right", "hold on a
 * second", "wait"): a third search on the stream's frames, with a dictionary of those words only
 * and its own lane. Its detections do not replace what the other decoders heard unless they
 * cover the utterance (see spotted.ts).
 */
export async function openSpotter(
  paths: DecoderPaths,
  phrases: readonly string[],
  options: KeyphraseOptions,
): Promise<SphinxDecoder> {
  const normalised = phrases.map(normaliseKeyphrase).filter(Boolean);
  const words = new Set(normalised.flatMap((phrase) => phrase.split(' ')));
  const lines = await readDictionaryLines(paths.dictPath, words);
  const dictPath = await writeGrammarDictionary(lines);
  const engineArgs = { ...paths.engineArgs, '-kws_delay': String(options.delayFrames) };
  const decoder = await SphinxDecoder.open({ ...paths, dictPath, engineArgs }, false);
  try {
    const file = keyphraseFile(
      normalised,
      (phrase) => {
        let count = 0;
        for (const word of phrase.split(' ')) {
          const phones = decoder.lookup(word);
          if (phones === null) return undefined;
          count += phones.trim().split(/\s+/).length;
        }
        return count;
      },
      options,
    );
    if (file.trim() === '') throw new ConfigError('no turn-taking phrase has a pronunciation');
    decoder.useKeyphrases(await writeGrammarDictionary(file.trimEnd().split('\n'), 'kws'));
    return decoder;
  } catch (error) {
    void decoder.close();
    throw error;
  }
}
