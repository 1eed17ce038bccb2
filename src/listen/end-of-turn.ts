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
  /**
   * The rule stands even when the vendor's turn detector says the turn ended: a user who
   * asked for time, or who is dictating a number, is not done because a model heard a pause.
   */
  readonly overridesVendor?: true;
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
    overridesVendor: true,
  },
  { name: 'question mark', verdict: 'complete', test: (t) => /\?["'»”)]*$/.test(t.text) },
  {
    name: 'a number being dictated (two spoken digits, or three written)',
    verdict: 'incomplete',
    test: (t) => {
      const run = trailingDigits(t.tokens, t.table);
      return run.tokens >= 2 || run.digits >= 3;
    },
    overridesVendor: true,
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

/** The first end-of-turn rule that matches a transcript, if any. */
export function matchingRule(
  transcript: string,
  context: CompletenessContext = {},
): EndOfTurnRule | undefined {
  const text = transcript.trim();
  const tokens = decisionTokens(text);
  if (tokens.length === 0) return undefined;
  const view: TranscriptView = {
    text,
    tokens,
    table: languageTable(context.language ?? 'en'),
    isExpectedPhrase: context.isExpectedPhrase ?? (() => false),
  };
  return END_OF_TURN_RULES.find((rule) => rule.test(view));
}

/** Reads a transcript the way a listener would: does it sound finished? */
export function classifyCompleteness(
  transcript: string,
  context: CompletenessContext = {},
): Completeness {
  return matchingRule(transcript, context)?.verdict ?? 'unknown';
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
  /** The latest final carried the vendor's end of turn (and the STT declares them). */
  readonly vendorEndOfTurn?: boolean;
  /** Ms of audio received that the VAD has not processed yet: silence it has not heard. */
  readonly vadLagMs?: number;
  /** Ms of audio received that the STT has not processed yet. */
  readonly sttLagMs?: number;
  /** When the STT last caught up after falling behind: its final is awaited from then on. */
  readonly sttCaughtUpAtMs?: number | undefined;
}

export type EndOfTurnDecision =
  | { readonly kind: 'end' }
  /** Speech with no words by the STT's deadline: a cough or a door, nothing to answer. */
  | { readonly kind: 'drop' }
  | { readonly kind: 'wait'; readonly untilMs: number | undefined };

/**
 * Pure: should the user's turn end now, and if not, when to ask again.
 *
 * Silence is counted in audio the VAD has processed: `speechEndedAtMs` is when the end of
 * speech *arrived*, and a VAD `vadLagMs` behind has heard that much less of the silence since
 * (speech resumed in the unheard part would otherwise come too late to keep the turn open).
 * The STT must have processed the end of speech too, and its final is awaited from its latest
 * interim or from when it caught up, whichever is later. Lags count up to `maxEngineLagMs`.
 *
 * A vendor's end of turn (a final carrying it) ends the turn at once — even before our VAD
 * reports the end of speech — unless the words ask for time or are a number being dictated:
 * then the table's long silence applies (`overridesVendor`).
 */
export function decideEndOfTurn(
  input: EndOfTurnInput,
  config: EndOfTurnConfig,
  context?: CompletenessContext,
): EndOfTurnDecision {
  const transcript = input.transcript.trim();
  if (input.vendorEndOfTurn === true && input.finalReceived && transcript !== '') {
    if (matchingRule(transcript, context)?.overridesVendor !== true) return { kind: 'end' };
  }
  if (input.userSpeaking || input.speechEndedAtMs === undefined) {
    return { kind: 'wait', untilMs: undefined };
  }
  const vadLagMs = Math.min(input.vadLagMs ?? 0, config.maxEngineLagMs);
  const sttLagMs = Math.min(input.sttLagMs ?? 0, config.maxEngineLagMs);
  if (transcript === '') {
    // Speech but no words yet: give the STT until its timeout, counted on the audio clock
    // (a VAD that reports the end late has heard less of the silence) and once it caught up.
    const fromMs = Math.max(input.speechEndedAtMs, input.sttCaughtUpAtMs ?? -Infinity);
    const untilMs = fromMs + config.sttFinalTimeoutMs + Math.max(vadLagMs, sttLagMs);
    return input.nowMs >= untilMs ? { kind: 'drop' } : { kind: 'wait', untilMs };
  }
  const silenceMs = endOfTurnSilenceMs(transcript, config, context);
  const dueMs = input.speechEndedAtMs + Math.max(silenceMs + vadLagMs, sttLagMs);
  if (input.nowMs < dueMs) return { kind: 'wait', untilMs: dueMs };
  if (input.finalReceived) return { kind: 'end' };
  // An STT that still sends interims is catching up (a loaded machine falls seconds behind):
  // the wait for its final counts from its latest interim, so a turn never ends on a stale one.
  const fromMs = Math.max(dueMs, input.interimAtMs ?? dueMs, input.sttCaughtUpAtMs ?? dueMs);
  const finalDeadlineMs = fromMs + config.sttFinalTimeoutMs + sttLagMs;
  if (input.nowMs >= finalDeadlineMs) return { kind: 'end' };
  return { kind: 'wait', untilMs: finalDeadlineMs };
}
