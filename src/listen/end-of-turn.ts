import type { EndOfTurnConfig } from '../spec/turn.ts';
import { decisionTokens } from '../text/tokens.ts';

export type Completeness = 'complete' | 'incomplete' | 'unknown';

/** Words after which a speaker is very likely to go on. */
const CONTINUATION_WORDS = new Set(
  (
    'and or but so because then if that which with to for of in on at from by about the a an ' +
    'my your is are was um uh er erm hmm like also plus number ' +
    'y o pero porque que con para por de del en el la los las un una mi eh este pues es'
  ).split(' '),
);

const DIGIT_WORDS = new Set(
  (
    'zero oh one two three four five six seven eight nine ' +
    'cero uno dos tres cuatro cinco seis siete ocho nueve'
  ).split(' '),
);

/** Short closings that stand alone as a complete turn. */
const COMPLETE_ENDINGS = new Set(
  'please|thanks|thank you|yes|no|okay|bye|goodbye|gracias|por favor|adiós|vale'.split('|'),
);

function isDigitToken(token: string): boolean {
  return DIGIT_WORDS.has(token) || /^\d+$/.test(token);
}

/**
 * Reads a transcript the way a listener would: does it sound finished?
 * "…my order number." → complete; "…and", "um", "four five" (digits being
 * dictated) → incomplete; anything else → unknown.
 */
export function classifyCompleteness(
  transcript: string,
  isExpectedPhrase: (transcript: string) => boolean = () => false,
): Completeness {
  const trimmed = transcript.trim();
  if (trimmed === '') return 'unknown';
  const tokens = decisionTokens(trimmed);
  const last = tokens[tokens.length - 1];
  if (last === undefined) return 'unknown';
  if (/(\.\.\.|…|,|;|:|-)$/.test(trimmed)) return 'incomplete';
  if (CONTINUATION_WORDS.has(last)) return 'incomplete';
  // Two or more trailing digits: a number being dictated digit by digit.
  const trailingDigits = [...tokens].reverse().findIndex((t) => !isDigitToken(t));
  const digitRun = trailingDigits === -1 ? tokens.length : trailingDigits;
  if (digitRun >= 2) return 'incomplete';
  if (/[.!?]$/.test(trimmed) || isExpectedPhrase(trimmed)) return 'complete';
  const lastTwo = tokens.slice(-2).join(' ');
  if (COMPLETE_ENDINGS.has(last) || COMPLETE_ENDINGS.has(lastTwo)) return 'complete';
  return 'unknown';
}

/** The silence after speech that ends a turn with this transcript. */
export function endOfTurnSilenceMs(
  transcript: string,
  config: EndOfTurnConfig,
  isExpectedPhrase?: (transcript: string) => boolean,
): number {
  switch (classifyCompleteness(transcript, isExpectedPhrase)) {
    case 'complete':
      return config.completeSilenceMs;
    case 'incomplete':
      return config.incompleteSilenceMs;
    case 'unknown':
      return config.defaultSilenceMs;
  }
}

export interface EndOfTurnInput {
  readonly nowMs: number;
  readonly userSpeaking: boolean;
  /** When the last speech ended (clock ms), if it has. */
  readonly speechEndedAtMs: number | undefined;
  /** Finals of this turn joined, plus the latest interim. */
  readonly transcript: string;
  /** Whether the STT has finalised everything heard so far. */
  readonly finalReceived: boolean;
}

export type EndOfTurnDecision =
  { readonly kind: 'end' } | { readonly kind: 'wait'; readonly untilMs: number | undefined };

/** Pure: should the user's turn end now, and if not, when to ask again. */
export function decideEndOfTurn(
  input: EndOfTurnInput,
  config: EndOfTurnConfig,
  isExpectedPhrase?: (transcript: string) => boolean,
): EndOfTurnDecision {
  if (input.userSpeaking || input.speechEndedAtMs === undefined) {
    return { kind: 'wait', untilMs: undefined };
  }
  if (input.transcript.trim() === '') {
    // Speech but no words yet: give the STT until its timeout.
    return { kind: 'wait', untilMs: input.speechEndedAtMs + config.sttFinalTimeoutMs };
  }
  const dueMs =
    input.speechEndedAtMs + endOfTurnSilenceMs(input.transcript, config, isExpectedPhrase);
  if (input.nowMs < dueMs) return { kind: 'wait', untilMs: dueMs };
  if (input.finalReceived) return { kind: 'end' };
  const finalDeadlineMs = dueMs + config.sttFinalTimeoutMs;
  if (input.nowMs >= finalDeadlineMs) return { kind: 'end' };
  return { kind: 'wait', untilMs: finalDeadlineMs };
}
