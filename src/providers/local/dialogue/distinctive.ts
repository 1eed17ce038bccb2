import type { DialogueIntent, DialogueSlot } from '../../../spec/dialogue.ts';
import { findEnumValue } from './enum-slot.ts';
import { stemsOf, tokenize, type Token } from './normalize.ts';

/**
 * What tells one intent from the others. A keyword whose words another intent's
 * examples or keywords also use ("order" for the order status, when the refund
 * says "refund my order") says little about which of them was meant, and an enum
 * value another intent also takes ("pump" is a component of both a reading and a
 * manual) says nothing: such evidence earns a smaller bonus, or none.
 */

/** The stems of every word of an intent's examples and keywords. */
function wordsOf(intent: DialogueIntent): Set<string> {
  return stemsOf([...intent.examples, ...(intent.keywords ?? [])]);
}

/** Per intent, each keyword's tokens and whether another intent uses all of its content words. */
export function keywordsOf(
  intents: readonly DialogueIntent[],
): Map<DialogueIntent, { readonly tokens: Token[]; readonly shared: boolean }[]> {
  const words = new Map(intents.map((intent) => [intent, wordsOf(intent)]));
  return new Map(
    intents.map((intent) => [
      intent,
      (intent.keywords ?? []).map((keyword) => {
        const tokens = tokenize(keyword);
        const content = tokens.filter((token) => !token.stop);
        const shared = intents.some(
          (other) =>
            other !== intent &&
            content.length > 0 &&
            content.every((token) => words.get(other)?.has(token.stem) === true),
        );
        return { tokens, shared };
      }),
    ]),
  );
}

/** Per intent, the enum values (folded by the slot's own spelling) that another intent's slots also take. */
export function sharedEnumValues(
  intents: readonly DialogueIntent[],
): Map<DialogueIntent, ReadonlySet<string>> {
  const valuesOf = (intent: DialogueIntent) =>
    (intent.slots ?? []).flatMap((slot) => (slot.kind === 'enum' ? (slot.values ?? []) : []));
  return new Map(
    intents.map((intent) => {
      const others = new Set(intents.filter((other) => other !== intent).flatMap(valuesOf));
      return [intent, new Set(valuesOf(intent).filter((value) => others.has(value)))];
    }),
  );
}

/** The enum slots whose values other intents take too, each with those values. */
export interface SharedValueSlot {
  readonly slot: DialogueSlot;
  readonly shared: ReadonlySet<string>;
}

export function sharedValueSlots(
  intents: readonly DialogueIntent[],
  shared: ReadonlyMap<DialogueIntent, ReadonlySet<string>>,
): SharedValueSlot[] {
  const seen = new Set<DialogueSlot>();
  const found: SharedValueSlot[] = [];
  for (const intent of intents) {
    const values = shared.get(intent) ?? new Set<string>();
    for (const slot of intent.slots ?? []) {
      if (slot.kind !== 'enum' || seen.has(slot)) continue;
      seen.add(slot);
      const own = new Set((slot.values ?? []).filter((value) => values.has(value)));
      if (own.size > 0) found.push({ slot, shared: own });
    }
  }
  return found;
}

/**
 * Whether the utterance names a value several intents take and nothing else
 * of what is wanted ("the pump": a reading, a manual?): function words and
 * numbers aside, every word is part of such a value.
 */
export function namesOnlySharedValues(
  tokens: readonly Token[],
  slots: readonly SharedValueSlot[],
): boolean {
  const covered = new Set<number>();
  /** Marks every shared value named in tokens [from, to), each occurrence ("motor motor"). */
  const cover = (slot: DialogueSlot, shared: ReadonlySet<string>, from: number, to: number) => {
    if (from >= to) return;
    const found = findEnumValue(tokens.slice(from, to), slot);
    if (found === undefined || found.score < 0.8 || !shared.has(found.value)) return;
    for (let index = from + found.start; index < from + found.end; index++) covered.add(index);
    cover(slot, shared, from, from + found.start);
    cover(slot, shared, from + found.end, to);
  };
  for (const { slot, shared } of slots) cover(slot, shared, 0, tokens.length);
  if (covered.size === 0) return false;
  return tokens.every(
    (token, index) => covered.has(index) || token.stop || token.numeric || token.numberWord,
  );
}
