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
 * Listener noises as people say them ("mhm" hummed, M HH M) and as speech engines read them:
 * flite, RHVoice and espeak-ng spell "mhm" "em aitch em" and "mm-hmm" "em em aitch em em". The
 * dictionary knows only `mhm AH M HH AH M`, so a decoder could not hear either and reported
 * "m h imp" or "and eight chan". These phones mean nothing but the listener noise; they are
 * added as alternates when an agent's vocabulary holds the word (the listening vocabulary adds
 * the language's backchannels to every English agent's).
 */
export const LISTENER_PRONUNCIATIONS: Readonly<Record<string, readonly string[]>> = {
  mhm: ['M HH M', 'EH M EY CH EH M'],
  mm: ['EH M EH M'],
  hmm: ['M HH M', 'EY CH EH M EH M'],
};

/** Alternates from LISTENER_PRONUNCIATIONS for the `words` used, unless the agent gave its own. */
function listenerPronunciations(
  words: Iterable<string>,
  given: ReadonlySet<string>,
): [string, string][] {
  const out: [string, string][] = [];
  for (const word of new Set(words)) {
    if (given.has(word)) continue;
    for (const phones of LISTENER_PRONUNCIATIONS[word] ?? []) out.push([word, phones]);
  }
  return out;
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
  const given = Object.entries(vocabulary?.pronunciations ?? {}).map(
    ([word, phones]) => [word.toLowerCase().trim(), phones.toUpperCase().trim()] as const,
  );
  const added = new Set(given.map(([word]) => word));
  const known = (word: string) =>
    added.has(word) || Object.hasOwn(LISTENER_PRONUNCIATIONS, word) || isKnown(word);
  const unknown = new Set<string>();
  if (vocabulary?.grammar) {
    const words = wordsOfJsgf(vocabulary.grammar);
    for (const word of words) if (!known(word)) unknown.add(word);
    const pronunciations = [...given, ...listenerPronunciations(words, added)];
    return { pronunciations, jsgf: vocabulary.grammar, unknownWords: [...unknown] };
  }
  const usable: string[] = [];
  for (const phrase of [...(vocabulary?.phrases ?? []), ...(vocabulary?.keywords ?? [])]) {
    const missing = wordsOfPhrase(phrase).filter((word) => !known(word));
    for (const word of missing) unknown.add(word);
    if (missing.length === 0) usable.push(phrase);
  }
  const jsgf = usable.length > 0 ? phrasesToJsgf(usable) : undefined;
  const pronunciations = [
    ...given,
    ...listenerPronunciations(usable.flatMap(wordsOfPhrase), added),
  ];
  return { pronunciations, jsgf, unknownWords: [...unknown] };
}

/** The plain words of a phrase (slots and JSGF marks removed; slot words are checked separately). */
function wordsOfPhrase(phrase: string): string[] {
  return normalisePhrase(phrase)
    .replace(/\{[^}]*\}/g, ' ')
    .split(/[\s[\]()|]+/)
    .filter(Boolean);
}
