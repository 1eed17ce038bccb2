import type { DialogueIntent, DialogueSlot } from '../../../spec/dialogue.ts';
import { boundedUtterance } from './bounded.ts';
import { findEnumValue } from './enum-slot.ts';
import {
  keywordsOf,
  namesOnlySharedValues,
  sharedEnumValues,
  sharedValueSlots,
  type SharedValueSlot,
} from './distinctive.ts';
import { withoutValues } from './delexical.ts';
import { joinSplitWords, stemsOf, tokenize, type Token } from './normalize.ts';
import { phraseSimilarity, soundsAlike, wordSimilarity } from './similarity.ts';

export const DEFAULT_MATCH_THRESHOLD = 0.5;
export const DEFAULT_CONFIRM_THRESHOLD = 0.3;
/** Added when the utterance names a value of one of the intent's enum slots ("two cortados"). */
const ENUM_VALUE_BONUS = 0.2;
/** Added when the utterance names one of the intent's keywords ("refund", "real person"). */
const KEYWORD_BONUS = 0.3;
/** …or this, when another intent's examples use the keyword's words too ("order": status or refund?). */
const SHARED_KEYWORD_BONUS = 0.15;
/**
 * Two intents closer than this are told apart by too little: the engine is
 * unsure which was meant (it reads the request back, or says it did not get it).
 */
export const AMBIGUITY_MARGIN = 0.1;
/**
 * A match the words barely support (below this from the words alone) rests on
 * the embedder, which finds a nearest example for anything ("so if on" → yes,
 * "tell me a job" → a technician): unsure unless the embedder is very sure.
 */
export const WEAK_LEXICAL = 0.3;
/** …at or above this score the embedder alone is enough ("I'd like my cash returned"). */
export const SURE_ON_MEANING = 0.75;
/**
 * Words of the utterance compared with the examples: the last 32. A spoken request
 * is shorter; the cap keeps the example × word comparison bounded for long text.
 */
export const MAX_MATCH_WORDS = 32;
/** A keyword word counts when this close to the word heard (stems or a near spelling). */
const KEYWORD_WORD_SIMILARITY = 0.8;
/** …or when the keyword word is at least this long and sounds like the word heard ("manger"/"manager"). */
const KEYWORD_SOUND_CHARS = 6;
/** …which may be a letter shorter ("torch" for "torque"); short keywords ("motor"/"meter") never match by sound. */
const HEARD_SOUND_CHARS = 5;

function keywordWordHeard(word: Token, heard: Token): boolean {
  if (wordSimilarity(word, heard) >= KEYWORD_WORD_SIMILARITY) return true;
  return (
    word.text.length >= KEYWORD_SOUND_CHARS &&
    heard.text.length >= HEARD_SOUND_CHARS &&
    soundsAlike(word.text, heard.text)
  );
}

export interface IntentMatch {
  readonly intent: DialogueIntent;
  readonly score: number;
  /** The score from the words alone (nearest example by spelling, and the bonuses): no embedder. */
  readonly lexical: number;
}

/**
 * How alike an utterance is to each example of an intent, 0–1, from a sentence
 * embedder (see semantic-scores.ts); undefined when no embedding is at hand.
 */
export type SemanticScorer = (utterance: string) => ReadonlyMap<DialogueIntent, number> | undefined;

/** Pre-tokenised examples and keywords, built once per script. */
export interface IntentIndex {
  readonly entries: readonly {
    readonly intent: DialogueIntent;
    readonly examples: Token[][];
    /** Each keyword, and whether another intent uses its words too (see distinctive.ts). */
    readonly keywords: readonly { readonly tokens: Token[]; readonly shared: boolean }[];
    /** Enum values another intent's slots also take: naming one tells nothing apart. */
    readonly sharedValues: ReadonlySet<string>;
    /** Enum slots whose values only this intent takes, and the examples with those values taken out. */
    readonly ownSlots: readonly DialogueSlot[];
    readonly examplesWithoutValues: Token[][];
  }[];
  readonly semantic?: SemanticScorer;
  /** Enum slots with values several intents take ("pump"): naming one alone says no intent. */
  readonly sharedSlots: readonly SharedValueSlot[];
  /** Stems of the words of every example, keyword and enum value (see `joinSplitWords`). */
  readonly vocabulary: ReadonlySet<string>;
}

export function buildIntentIndex(
  intents: readonly DialogueIntent[],
  semantic?: SemanticScorer,
): IntentIndex {
  const keywords = keywordsOf(intents);
  const sharedValues = sharedEnumValues(intents);
  return {
    entries: intents.map((intent) => {
      const shared = sharedValues.get(intent) ?? new Set<string>();
      const ownSlots = (intent.slots ?? []).filter(
        (slot) =>
          slot.kind === 'enum' &&
          slot.required === true &&
          !(slot.values ?? []).some((value) => shared.has(value)),
      );
      const examples = intent.examples.map((example) => tokenize(example));
      return {
        intent,
        examples,
        keywords: keywords.get(intent) ?? [],
        sharedValues: shared,
        ownSlots,
        examplesWithoutValues:
          ownSlots.length === 0 ? [] : examples.map((example) => withoutValues(example, ownSlots)),
      };
    }),
    ...(semantic === undefined ? {} : { semantic }),
    sharedSlots: sharedValueSlots(intents, sharedValues),
    vocabulary: stemsOf(
      intents.flatMap((intent) => [
        ...intent.examples,
        ...(intent.keywords ?? []),
        ...(intent.slots ?? []).flatMap((slot) => [
          ...(slot.values ?? []),
          ...Object.values(slot.synonyms ?? {}).flat(),
        ]),
      ]),
    ),
  };
}

/** Whether the words of `phrase` occur in a row in `tokens` (each by stem or near spelling). */
export function containsPhrase(tokens: readonly Token[], phrase: readonly Token[]): boolean {
  if (phrase.length === 0) return false;
  for (let from = 0; from + phrase.length <= tokens.length; from++) {
    const all = phrase.every((word, offset) => {
      const heard = tokens[from + offset];
      return heard !== undefined && keywordWordHeard(word, heard);
    });
    if (all) return true;
  }
  return false;
}

/**
 * Every intent with its score, best first: the nearest example (lexical, or
 * the sentence embedder's when it scores higher), plus bonuses for a keyword
 * and for naming one of the intent's enum values. Reads at most the last
 * MAX_MATCH_WORDS words of the utterance, so the cost is bounded.
 */
export function rankIntents(index: IntentIndex, utterance: string): IntentMatch[] {
  const bounded = boundedUtterance(utterance);
  const tokens = joinSplitWords(tokenize(bounded), index.vocabulary).slice(-MAX_MATCH_WORDS);
  // Numbers alone ("oh two one") say nothing of what is wanted: an embedder still finds a
  // nearest example for them, so it is not asked.
  // Nor does a value several intents take, alone ("the pump"): no intent is nearer than another.
  const onlyValues = namesOnlySharedValues(tokens, index.sharedSlots);
  const saysWhat =
    !onlyValues && tokens.some((token) => !token.stop && !token.numeric && !token.numberWord);
  const semantic = saysWhat ? index.semantic?.(bounded) : undefined;
  return index.entries
    .map(({ intent, examples, keywords, sharedValues, ownSlots, examplesWithoutValues }) => {
      const spelled = Math.max(0, ...examples.map((example) => phraseSimilarity(tokens, example)));
      // "un cruasán" is "un <item>" like "para mí un cortado", though no example names a cruasán.
      const heard = ownSlots.length === 0 ? tokens : withoutValues(tokens, ownSlots);
      const byValue =
        heard.length === tokens.length && heard.every((token, at) => token === tokens[at])
          ? 0
          : Math.max(
              0,
              ...examplesWithoutValues.map((example) => phraseSimilarity(heard, example)),
            );
      const lexical = onlyValues ? 0 : Math.max(spelled, byValue);
      const nearest = Math.max(lexical, semantic?.get(intent) ?? 0);
      const namesValue = (intent.slots ?? []).some((slot) => {
        const found = slot.kind === 'enum' ? findEnumValue(tokens, slot) : undefined;
        return found !== undefined && found.score >= 0.8 && !sharedValues.has(found.value);
      });
      const named = keywords.filter((keyword) => containsPhrase(tokens, keyword.tokens));
      const keywordBonus = named.some((keyword) => !keyword.shared)
        ? KEYWORD_BONUS
        : named.length > 0
          ? SHARED_KEYWORD_BONUS
          : 0;
      const bonus = (namesValue ? ENUM_VALUE_BONUS : 0) + keywordBonus;
      return {
        intent,
        score: Math.min(1, nearest + bonus),
        lexical: Math.min(1, lexical + bonus),
      };
    })
    .sort((a, b) => b.score - a.score);
}

/** Whether a match rests on the embedder alone, the words barely supporting it. */
export function restsOnMeaning(match: IntentMatch): boolean {
  return match.lexical < WEAK_LEXICAL && match.score < SURE_ON_MEANING;
}

/**
 * The best of `ranked` when it scores at least `threshold`, leads the next
 * intent by AMBIGUITY_MARGIN, and the words support it (see WEAK_LEXICAL);
 * undefined when nothing is that clear.
 */
export function clearBest(
  ranked: readonly IntentMatch[],
  threshold: number,
): IntentMatch | undefined {
  const [best, rival] = ranked;
  if (best === undefined || best.score < threshold) return undefined;
  if (restsOnMeaning(best)) return undefined;
  return rival !== undefined && best.score - rival.score < AMBIGUITY_MARGIN ? undefined : best;
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
