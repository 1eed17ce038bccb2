import type { DialogueIntent } from '../../../spec/dialogue.ts';
import { findEnumValue } from './enum-slot.ts';
import { tokenize, type Token } from './normalize.ts';
import { phraseSimilarity } from './similarity.ts';

export const DEFAULT_MATCH_THRESHOLD = 0.5;
/** Added when the utterance names a value of one of the intent's enum slots ("two cortados"). */
const ENUM_VALUE_BONUS = 0.2;

export interface IntentMatch {
  readonly intent: DialogueIntent;
  readonly score: number;
}

/** Pre-tokenised examples, built once per script. */
export interface IntentIndex {
  readonly entries: readonly { readonly intent: DialogueIntent; readonly examples: Token[][] }[];
}

export function buildIntentIndex(intents: readonly DialogueIntent[]): IntentIndex {
  return {
    entries: intents.map((intent) => ({
      intent,
      examples: intent.examples.map((example) => tokenize(example)),
    })),
  };
}

/** Every intent with its best example score, best first. */
export function rankIntents(index: IntentIndex, utterance: string): IntentMatch[] {
  const tokens = tokenize(utterance);
  return index.entries
    .map(({ intent, examples }) => {
      const phrase = Math.max(0, ...examples.map((example) => phraseSimilarity(tokens, example)));
      const namesValue = (intent.slots ?? []).some(
        (slot) => slot.kind === 'enum' && (findEnumValue(tokens, slot)?.score ?? 0) >= 0.8,
      );
      return { intent, score: Math.min(1, phrase + (namesValue ? ENUM_VALUE_BONUS : 0)) };
    })
    .sort((a, b) => b.score - a.score);
}

/** The best intent scoring at least `threshold`, among `candidates` when given. */
export function matchIntent(
  index: IntentIndex,
  utterance: string,
  threshold: number,
  candidates?: readonly DialogueIntent[],
): IntentMatch | undefined {
  const ranked = rankIntents(index, utterance).filter(
    (match) => candidates === undefined || candidates.includes(match.intent),
  );
  const best = ranked[0];
  return best !== undefined && best.score >= threshold ? best : undefined;
}
