import type { EndOfTurnConfig } from '../spec/turn.ts';
import { trailingDigits } from '../text/digits.ts';
import { type LanguageTable, languageTable } from '../text/language.ts';
import { decisionTokens, endsWithPhrase, phraseTokens } from '../text/tokens.ts';

export type Completeness = 'complete' | 'incomplete' | 'unknown' | 'asking-for-time';

/** What end-of-turn rules may look at. */
export interface TranscriptView {
  readonly text: string;
  readonly tokens: readonly string[];
  readonly table: LanguageTable;
  readonly isExpectedPhrase: (transcript: string) => boolean;
}

export interface EndOfTurnRule {
  readonly name: string;
  readonly verdict: Exclude<Completeness, 'unknown'>;
  readonly test: (t: TranscriptView) => boolean;
}

const last = (t: TranscriptView): string => t.tokens[t.tokens.length - 1] ?? '';
const ends = (t: TranscriptView, phrases: readonly string[]) =>
  endsWithPhrase(t.tokens, phraseTokens(phrases));
const withoutTrailingPlease = (t: TranscriptView): TranscriptView =>
  last(t) === 'please' ? { ...t, tokens: t.tokens.slice(0, -1) } : t;

/**
 * The end-of-turn rules, first match wins. Order matters: asking for time beats all; a
 * question mark or a complete-sounding question beats the trailing-word rule ("What are
 * you looking for?"); a number being dictated beats the full stop an STT puts after it
 * ("41086753."). Language knowledge comes from the one table in `text/language.ts`.
 */
export const END_OF_TURN_RULES: readonly EndOfTurnRule[] = [
  {
    name: 'asks for time ("hold on", "give me a minute", "un momento")',
    verdict: 'asking-for-time',
    test: (t) => ends(withoutTrailingPlease(t), t.table.askingForTime),
  },
  { name: 'question mark', verdict: 'complete', test: (t) => /\?["'»”)]*$/.test(t.text) },
  {
    name: 'a number being dictated (two spoken digits, or three written)',
    verdict: 'incomplete',
    test: (t) => {
      const run = trailingDigits(t.tokens, t.table);
      return run.tokens >= 2 || run.digits >= 3;
    },
  },
  {
    name: 'trailing pause mark',
    verdict: 'incomplete',
    test: (t) => /(\.\.\.|…|,|;|:|-)$/.test(t.text),
  },
  {
    name: 'an open request ("could you please")',
    verdict: 'incomplete',
    test: (t) => ends(t, t.table.openEndings),
  },
  {
    name: 'a complete-sounding question ("where are you from")',
    verdict: 'complete',
    test: (t) => {
      const first = t.tokens[0] ?? '';
      const end = last(t);
      return (
        t.tokens.length >= 3 &&
        t.table.questionStarts.includes(first) &&
        (t.table.strandedWords.includes(end) || !t.table.continuationWords.includes(end))
      );
    },
  },
  {
    name: 'a trailing word that leaves the sentence open ("and", "um", "the")',
    verdict: 'incomplete',
    test: (t) => t.table.continuationWords.includes(last(t)),
  },
  { name: 'full stop', verdict: 'complete', test: (t) => /[.!。]["'»”)]*$/.test(t.text) },
  {
    name: "one of the agent's expected phrases",
    verdict: 'complete',
    test: (t) => t.isExpectedPhrase(t.text),
  },
  {
    name: 'a closing ("thank you", "bye")',
    verdict: 'complete',
    test: (t) => ends(t, t.table.closings),
  },
];

export interface CompletenessContext {
  readonly language?: string;
  readonly isExpectedPhrase?: (transcript: string) => boolean;
}

/** Reads a transcript the way a listener would: does it sound finished? */
export function classifyCompleteness(
  transcript: string,
  context: CompletenessContext = {},
): Completeness {
  const text = transcript.trim();
  const tokens = decisionTokens(text);
  if (tokens.length === 0) return 'unknown';
  const view: TranscriptView = {
    text,
    tokens,
    table: languageTable(context.language ?? 'en'),
    isExpectedPhrase: context.isExpectedPhrase ?? (() => false),
  };
  return END_OF_TURN_RULES.find((rule) => rule.test(view))?.verdict ?? 'unknown';
}

/** The silence after speech that ends a turn with this transcript. */
export function endOfTurnSilenceMs(
  transcript: string,
  config: EndOfTurnConfig,
  context?: CompletenessContext,
): number {
  switch (classifyCompleteness(transcript, context)) {
    case 'complete':
      return config.completeSilenceMs;
    case 'incomplete':
      return config.incompleteSilenceMs;
    case 'asking-for-time':
      return config.askingForTimeSilenceMs;
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
  /** When the latest interim came, if one is pending: the final is awaited from then on. */
  readonly interimAtMs?: number | undefined;
}

export type EndOfTurnDecision =
  | { readonly kind: 'end' }
  /** Speech with no words by the STT's deadline: a cough or a door, nothing to answer. */
  | { readonly kind: 'drop' }
  | { readonly kind: 'wait'; readonly untilMs: number | undefined };

/** Pure: should the user's turn end now, and if not, when to ask again. */
export function decideEndOfTurn(
  input: EndOfTurnInput,
  config: EndOfTurnConfig,
  context?: CompletenessContext,
): EndOfTurnDecision {
  if (input.userSpeaking || input.speechEndedAtMs === undefined) {
    return { kind: 'wait', untilMs: undefined };
  }
  if (input.transcript.trim() === '') {
    // Speech but no words yet: give the STT until its timeout.
    const untilMs = input.speechEndedAtMs + config.sttFinalTimeoutMs;
    return input.nowMs >= untilMs ? { kind: 'drop' } : { kind: 'wait', untilMs };
  }
  const dueMs = input.speechEndedAtMs + endOfTurnSilenceMs(input.transcript, config, context);
  if (input.nowMs < dueMs) return { kind: 'wait', untilMs: dueMs };
  if (input.finalReceived) return { kind: 'end' };
  // An STT that still sends interims is catching up (a loaded machine falls seconds behind):
  // the wait for its final counts from its latest interim, so a turn never ends on a stale one.
  const finalDeadlineMs = Math.max(dueMs, input.interimAtMs ?? dueMs) + config.sttFinalTimeoutMs;
  if (input.nowMs >= finalDeadlineMs) return { kind: 'end' };
  return { kind: 'wait', untilMs: finalDeadlineMs };
}
