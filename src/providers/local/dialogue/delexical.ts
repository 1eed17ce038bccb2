import type { DialogueSlot } from '../../../spec/dialogue.ts';
import { findEnumValue } from './enum-slot.ts';
import type { Token } from './normalize.ts';

/**
 * Examples compared with the slot values taken out: "para mí un cortado" and
 * "un cruasán" are both "un <item>". An intent's examples name a few of its
 * values; a value they never name ("cruasán") is then as much the request as
 * one they do. Only required slots whose values no other intent takes are
 * taken out (a component several intents share tells none of them apart; an
 * optional article or verb form is no request).
 */

/** A token standing for any value of one slot. */
function marker(slot: DialogueSlot, from: Token, to: Token): Token {
  const text = `<${slot.name}>`;
  return {
    text,
    stem: text,
    stop: false,
    numeric: false,
    numberWord: false,
    start: from.start,
    end: to.end,
  };
}

/** `tokens` with every value of `slots` named in them replaced by its slot's marker. */
export function withoutValues(tokens: readonly Token[], slots: readonly DialogueSlot[]): Token[] {
  let result = [...tokens];
  for (const slot of slots) {
    const out: Token[] = [];
    let from = 0;
    while (from < result.length) {
      const rest = result.slice(from);
      const found = findEnumValue(rest, slot);
      if (found === undefined || found.score < 0.8) {
        out.push(...rest);
        break;
      }
      const first = rest[found.start];
      const last = rest[found.end - 1];
      out.push(...rest.slice(0, found.start));
      if (first !== undefined && last !== undefined) out.push(marker(slot, first, last));
      from += found.end;
    }
    result = out;
  }
  return result;
}
