import type { DialogueSlot } from '../../../spec/dialogue.ts';
import { tokenize, type Token } from './normalize.ts';

/** Every word of an enum slot's values and synonyms, folded. */
export function slotWords(slot: DialogueSlot): Set<string> {
  const phrases = (slot.values ?? []).flatMap((value) => [
    value,
    ...(slot.synonyms?.[value] ?? []),
  ]);
  return new Set(phrases.flatMap((phrase) => tokenize(phrase).map((token) => token.text)));
}

/**
 * The words of an enum value heard, spelled as the script spells them where the
 * recogniser slipped ("cafe con lecha" → "café con leche"). The speaker's own
 * forms are kept, so a grammar check still sees them: a word the slot knows
 * ("quieres", "yo quiere") and the phrase's stem with an ending added ("pones").
 */
export function respelled(
  heard: readonly Token[],
  phrase: string,
  known: ReadonlySet<string>,
): { from: number; to: number; phrase: string }[] {
  const words = phrase.split(/\s+/).filter(Boolean);
  const folded = tokenize(phrase);
  if (words.length !== heard.length || folded.length !== heard.length) return [];
  return heard.flatMap((token, index) => {
    const word = folded[index];
    if (word === undefined || token.text === word.text) {
      return [{ from: token.start, to: token.end, phrase: words[index] ?? token.text }];
    }
    const inflected = token.stem === word.stem && token.text.length > word.text.length;
    if (known.has(token.text) || inflected) return [];
    return [{ from: token.start, to: token.end, phrase: words[index] ?? token.text }];
  });
}
