import { boundedUtterance } from './bounded.ts';
import type { DialogueIntent, DialogueSlot } from '../../../spec/dialogue.ts';
import { findDigitRuns } from './digits.ts';
import { findEnumValue } from './enum-slot.ts';
import { foldText, tokenize, type Token } from './normalize.ts';
import { findQuantities } from './quantity.ts';
import { respelled, slotWords } from './respell.ts';

export type SlotValue = string | number;
export type SlotValues = Readonly<Record<string, SlotValue>>;

interface Found {
  readonly value: SlotValue;
  readonly start: number;
  readonly end: number;
  /** Read with a doubt: a closing "oh" left out, or a number run into another ("one hundred ten thirty"). */
  readonly doubtful?: boolean;
  /** An enum value's words as the script spells them (the value or the synonym heard). */
  readonly phrase?: string;
}

/** Slot values with the names of those read with a doubt (worth reading back before acting). */
export interface SlotReading {
  readonly values: SlotValues;
  readonly doubtful: ReadonlySet<string>;
  /**
   * The utterance with each enum value heard spelled as the script spells it:
   * "dos cafes por favor" → "dos cafés por favor", "un cafe con lecha" → "un café con leche".
   */
  readonly said: string;
}

// Enums first: a component id such as "PMP-200" holds digits a digit slot must not take.
const EXTRACTION_ORDER: readonly DialogueSlot['kind'][] = ['enum', 'digits', 'number', 'text'];

function free(used: readonly boolean[], start: number, end: number): boolean {
  for (let index = start; index < end; index++) if (used[index] === true) return false;
  return true;
}

function findSlot(
  slot: DialogueSlot,
  tokens: readonly Token[],
  text: string,
  used: readonly boolean[],
  asked: boolean,
): Found | undefined {
  switch (slot.kind) {
    case 'enum':
      return [findEnumValue(tokens, slot)].find(
        (match) => match !== undefined && free(used, match.start, match.end),
      );
    case 'digits': {
      const minDigits = slot.minDigits ?? 1;
      const maxDigits = slot.maxDigits ?? Number.POSITIVE_INFINITY;
      const runs = findDigitRuns(tokens, minDigits).filter(
        (run) =>
          run.digits.length >= minDigits &&
          run.digits.length <= maxDigits &&
          free(used, run.start, run.end),
      );
      const longest = runs.sort((a, b) => b.digits.length - a.digits.length)[0];
      return longest === undefined ? undefined : { ...longest, value: longest.digits };
    }
    case 'number': {
      const quantities = findQuantities(tokens).filter((quantity) =>
        free(used, quantity.start, quantity.end),
      );
      const first = quantities[0];
      if (first === undefined) return undefined;
      // Two numbers with no word between them do not read as one quantity: which was meant?
      const runOn = quantities.some(
        (other) => other.start === first.end || other.end === first.start,
      );
      return runOn ? { ...first, doubtful: true } : first;
    }
    case 'text': {
      if (asked) {
        const whole = text.trim().replace(/[.!?]+$/, '');
        return whole === '' ? undefined : { value: whole, start: 0, end: tokens.length };
      }
      const markers = new Set((slot.markers ?? []).map(foldText));
      const at = tokens.findIndex((token) => markers.has(token.text));
      const rest = at < 0 ? undefined : tokens[at + 1];
      if (rest === undefined) return undefined;
      const value = text
        .slice(rest.start)
        .trim()
        .replace(/[.!?]+$/, '');
      return { value, start: at, end: tokens.length };
    }
  }
}

/**
 * Slot values found in one utterance. `askedSlot` is the slot the previous
 * prompt asked for: a `text` slot then takes the whole utterance.
 */
export function extractSlots(
  intent: DialogueIntent,
  utterance: string,
  askedSlot?: string,
): SlotValues {
  return readSlots(intent, utterance, askedSlot).values;
}

/** Like `extractSlots`, and says which values were read with a doubt. */
export function readSlots(
  intent: DialogueIntent,
  utterance: string,
  askedSlot?: string,
): SlotReading {
  const text = boundedUtterance(utterance);
  const tokens = tokenize(text);
  const used = tokens.map(() => false);
  const values: Record<string, SlotValue> = {};
  const doubtful = new Set<string>();
  const spelled: { from: number; to: number; phrase: string }[] = [];
  const slots = intent.slots ?? [];
  const ordered = EXTRACTION_ORDER.flatMap((kind) =>
    // The asked slot goes first within its kind so it gets the best span.
    slots
      .filter((slot) => slot.kind === kind)
      .sort((a, b) => Number(b.name === askedSlot) - Number(a.name === askedSlot)),
  );
  for (const slot of ordered) {
    if (slot.kind === 'text' && askedSlot !== undefined && slot.name !== askedSlot) continue;
    const found = findSlot(slot, tokens, text, used, slot.name === askedSlot);
    if (found === undefined) continue;
    values[slot.name] = found.value;
    if (found.doubtful === true) doubtful.add(slot.name);
    if (found.phrase !== undefined) {
      const heard = tokens.slice(found.start, found.end);
      spelled.push(...respelled(heard, found.phrase, slotWords(slot)));
    }
    for (let index = found.start; index < found.end; index++) used[index] = true;
  }
  let said = text;
  for (const { from, to, phrase } of spelled.sort((a, b) => b.from - a.from)) {
    said = said.slice(0, from) + phrase + said.slice(to);
  }
  return { values, doubtful, said: said.trim() };
}

/** The utterance as `readSlots` spells it (the café's grammar check reads the learner's words so). */
export function spelledUtterance(
  intent: DialogueIntent,
  utterance: string,
  askedSlot?: string,
): string {
  return readSlots(intent, utterance, askedSlot).said;
}

/** The first required slot still missing. */
export function missingSlot(intent: DialogueIntent, values: SlotValues): DialogueSlot | undefined {
  return (intent.slots ?? []).find(
    (slot) => slot.required === true && values[slot.name] === undefined,
  );
}
