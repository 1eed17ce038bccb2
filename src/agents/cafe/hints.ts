import { MENU } from './menu.ts';
import type { CafeState } from './session-state.ts';

export interface Hint {
  /** The phrase to say, in simple Spanish. */
  readonly phrase: string;
  /** What it means, in English. */
  readonly meaning: string;
}

/** The next useful phrase, given what has been ordered so far. */
export function nextHint(state: Readonly<CafeState>): Hint {
  const kinds = new Set(state.items.map((name) => MENU.find((item) => item.name === name)?.kind));
  if (!kinds.has('drink')) {
    return {
      phrase: 'Quiero un café con leche, por favor.',
      meaning: "I'd like a white coffee, please.",
    };
  }
  if (!kinds.has('food')) {
    return {
      phrase: 'Y una tostada con tomate, por favor.',
      meaning: 'And toast with tomato, please.',
    };
  }
  if (state.hints < 3) {
    return { phrase: 'La cuenta, por favor.', meaning: 'The bill, please.' };
  }
  return { phrase: 'Gracias, adiós.', meaning: 'Thank you, goodbye.' };
}
