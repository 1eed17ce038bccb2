import type { SttVocabulary } from '../../../spec/stt.ts';
import { normalisePhrase, phrasesToJsgf, wordsOfJsgf } from './jsgf.ts';

/** What a stream must do to a decoder for an agent's vocabulary. */
export interface VocabularyPlan {
  /** Dictionary additions: lower-case word → upper-case CMU phones. */
  readonly pronunciations: readonly (readonly [string, string])[];
  /** The grammar to run beside the language model, if any. */
  readonly jsgf: string | undefined;
  /** Phrases or keywords left out because a word has no pronunciation. */
  readonly unknownWords: readonly string[];
}

/**
 * Decides the dictionary additions and the grammar. `isKnown` says whether the
 * base dictionary has a word. Phrases with unknown words are dropped (and the
 * words reported); a hand-written `grammar` is used as given.
 */
export function planVocabulary(
  vocabulary: SttVocabulary | undefined,
  isKnown: (word: string) => boolean,
): VocabularyPlan {
  const pronunciations = Object.entries(vocabulary?.pronunciations ?? {}).map(
    ([word, phones]) => [word.toLowerCase().trim(), phones.toUpperCase().trim()] as const,
  );
  const added = new Set(pronunciations.map(([word]) => word));
  const known = (word: string) => added.has(word) || isKnown(word);
  const unknown = new Set<string>();
  if (vocabulary?.grammar) {
    for (const word of wordsOfJsgf(vocabulary.grammar)) if (!known(word)) unknown.add(word);
    return { pronunciations, jsgf: vocabulary.grammar, unknownWords: [...unknown] };
  }
  const usable: string[] = [];
  for (const phrase of [...(vocabulary?.phrases ?? []), ...(vocabulary?.keywords ?? [])]) {
    const missing = wordsOfPhrase(phrase).filter((word) => !known(word));
    for (const word of missing) unknown.add(word);
    if (missing.length === 0) usable.push(phrase);
  }
  const jsgf = usable.length > 0 ? phrasesToJsgf(usable) : undefined;
  return { pronunciations, jsgf, unknownWords: [...unknown] };
}

/** The plain words of a phrase (slots and JSGF marks removed; slot words are checked separately). */
function wordsOfPhrase(phrase: string): string[] {
  return normalisePhrase(phrase)
    .replace(/\{[^}]*\}/g, ' ')
    .split(/[\s[\]()|]+/)
    .filter(Boolean);
}
