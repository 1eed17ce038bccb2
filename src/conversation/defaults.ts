import type { EndOfTurnConfig, FillerConfig, InterruptionConfig } from '../spec/turn.ts';

export const DEFAULT_END_OF_TURN: EndOfTurnConfig = {
  completeSilenceMs: 300,
  defaultSilenceMs: 700,
  incompleteSilenceMs: 1500,
  sttFinalTimeoutMs: 800,
};

/** Listener noises that mean "go on" (English, then Spanish), separated by `|`. */
export const DEFAULT_BACKCHANNELS: readonly string[] = (
  'mhm|mm|mmm|hmm|uh-huh|uh huh|okay|ok|yeah|yep|yes|right|sure|i see|got it|alright|all right|cool|' +
  'vale|sí|si|ajá|aja|claro|ya|bueno|entiendo|de acuerdo'
).split('|');

export const DEFAULT_INTERRUPTION: InterruptionConfig = {
  minSpeechMs: 120,
  minWords: 1,
  requireWordsToPause: false,
  backchannels: DEFAULT_BACKCHANNELS,
  falseInterruptionTimeoutMs: 1500,
};

export const DEFAULT_FILLER: FillerConfig = {
  thresholdMs: 1200,
  phrases: ['One moment.', 'Let me see.', 'Just a second.'],
};
