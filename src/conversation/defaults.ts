import type { EndOfTurnConfig, FillerConfig, InterruptionConfig } from '../spec/turn.ts';
import { languageTable } from '../text/language.ts';

export const DEFAULT_END_OF_TURN: EndOfTurnConfig = {
  completeSilenceMs: 300,
  defaultSilenceMs: 700,
  incompleteSilenceMs: 1500,
  askingForTimeSilenceMs: 4000,
  sttFinalTimeoutMs: 800,
  maxEngineLagMs: 10_000,
  endOnFinalWords: true,
  continueGraceMs: 600,
};

/** The English backchannels; `defaultInterruption(language)` picks the agent's language. */
export const DEFAULT_BACKCHANNELS: readonly string[] = languageTable('en').backchannels;

export const DEFAULT_INTERRUPTION: InterruptionConfig = {
  minSpeechMs: 120,
  minWords: 1,
  requireWordsToPause: false,
  backchannels: DEFAULT_BACKCHANNELS,
  falseInterruptionTimeoutMs: 1500,
  maxBackchannelMs: 1500,
  minInterruptingSpeechMs: 600,
  interimSettledMs: 200,
  sustainedSpeechMs: 600,
  echoShareThreshold: 0.6,
};

/** The interruption defaults with the backchannels of `language` (BCP-47). */
export function defaultInterruption(language: string): InterruptionConfig {
  return { ...DEFAULT_INTERRUPTION, backchannels: languageTable(language).backchannels };
}

export const DEFAULT_FILLER: FillerConfig = {
  thresholdMs: 1200,
  phrases: ['One moment.', 'Let me see.', 'Just a second.'],
};

/** Pending and merged user text is capped to this many characters; the oldest is dropped. */
export const DEFAULT_MAX_USER_TEXT_CHARS = 2000;
