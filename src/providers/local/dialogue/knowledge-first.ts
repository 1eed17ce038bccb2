import type { DialogueIntent } from '../../../spec/dialogue.ts';
import { tokenize, type Token } from './normalize.ts';
import { contentWords, type PassageAnswer } from './passages.ts';
import { coverage } from './similarity.ts';

/**
 * A question about a topic is not a request for its action: "will I get
 * compensation for the outage" is near the technician's examples to an
 * embedder, "how long does a refund take" names the refund — yet a knowledge
 * section answers every word of them, and no intent's examples do. The
 * knowledge answer goes first when it names nearly all the question's words
 * and clearly more of them than the matched intent's own words do.
 */
export const KNOWLEDGE_FIRST_EXPLAINS = 0.75;
/** …by at least this much more than the intent (a request its examples say, like "send a technician", stays a request). */
export const KNOWLEDGE_FIRST_MARGIN = 0.2;

const intentWords = new WeakMap<DialogueIntent, Token[]>();

/** Every word an intent's examples, keywords and enum values use. */
function wordsOf(intent: DialogueIntent): Token[] {
  let words = intentWords.get(intent);
  if (words === undefined) {
    const phrases = [
      ...intent.examples,
      ...(intent.keywords ?? []),
      ...(intent.slots ?? []).flatMap((slot) => [
        ...(slot.values ?? []),
        ...Object.values(slot.synonyms ?? {}).flat(),
      ]),
    ];
    words = tokenize(phrases.join(' . '));
    intentWords.set(intent, words);
  }
  return words;
}

/** Share of the utterance's content words the intent's own words name. */
export function explainedByIntent(intent: DialogueIntent, text: string): number {
  const words = contentWords(text, new Set());
  return words.length === 0 ? 0 : coverage(words, wordsOf(intent));
}

/** Whether `answer` should be given instead of acting on `intent`. */
export function knowledgeFirst(
  intent: DialogueIntent,
  text: string,
  answer: PassageAnswer | undefined,
): boolean {
  if (answer === undefined || answer.explains < KNOWLEDGE_FIRST_EXPLAINS) return false;
  return answer.explains >= explainedByIntent(intent, text) + KNOWLEDGE_FIRST_MARGIN;
}

/** Whether the utterance has one word that says what is wanted, at most ("my wifi", "human"). */
export function saysOneThing(text: string): boolean {
  return contentWords(text, new Set()).length <= 1;
}
