import type { DialogueScript } from '../spec/dialogue.ts';
import { ConfigError } from '../spec/errors.ts';
import type { SttVocabulary } from '../spec/stt.ts';

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const hasArray = (key: string) => (value: unknown) => isRecord(value) && Array.isArray(value[key]);

/**
 * The value an extra file (`dialogue.ts`, `vocabulary.ts`) gives: its default export, or else
 * its one named export shaped like one (so `export const MY_DIALOGUE = { intents: … }` works).
 */
function pick(
  module: Readonly<Record<string, unknown>>,
  file: string,
  looksRight: (value: unknown) => boolean,
  shape: string,
): unknown {
  if (module['default'] !== undefined) {
    if (!looksRight(module['default']))
      throw new ConfigError(`${file}: the default export is not ${shape}`);
    return module['default'];
  }
  const candidates = Object.values(module).filter(looksRight);
  if (candidates.length !== 1)
    throw new ConfigError(
      `${file}: export default ${shape} (found ${candidates.length} exports shaped like one)`,
    );
  return candidates[0];
}

/** `dialogue.ts`: the offline engine's script (an object with `intents`). */
export function dialogueFrom(module: Readonly<Record<string, unknown>>, file: string) {
  return pick(
    module,
    file,
    hasArray('intents'),
    'a dialogue script ({ intents: […] })',
  ) as DialogueScript;
}

/** `vocabulary.ts`: phrases and pronunciations for the offline recogniser (an object with `phrases`). */
export function vocabularyFrom(module: Readonly<Record<string, unknown>>, file: string) {
  return pick(
    module,
    file,
    hasArray('phrases'),
    'a vocabulary ({ phrases: […] })',
  ) as SttVocabulary;
}

/** Front matter's `phrases` / `keywords` added to a vocabulary file's. */
export function mergeVocabulary(
  front: SttVocabulary | undefined,
  file: SttVocabulary | undefined,
): SttVocabulary | undefined {
  if (!front || !file) return front ?? file;
  const phrases = [...(file.phrases ?? []), ...(front.phrases ?? [])];
  const keywords = [...(file.keywords ?? []), ...(front.keywords ?? [])];
  return {
    ...file,
    ...(phrases.length > 0 && { phrases }),
    ...(keywords.length > 0 && { keywords }),
  };
}
