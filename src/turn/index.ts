export {
  DEFAULT_BACKCHANNELS,
  DEFAULT_END_OF_TURN,
  DEFAULT_FILLER,
  DEFAULT_INTERRUPTION,
} from './defaults.ts';
export { classifyCompleteness, decideEndOfTurn, endOfTurnSilenceMs } from './end-of-turn.ts';
export type { Completeness, EndOfTurnDecision, EndOfTurnInput } from './end-of-turn.ts';
export { interruptingWordCount, isBackchannel } from './backchannel.ts';
export { IDLE_BARGE_IN, nextBargeInDeadline, stepBargeIn } from './barge-in.ts';
export type {
  BargeInAction,
  BargeInInput,
  BargeInPhase,
  BargeInState,
  BargeInStep,
} from './barge-in.ts';
export { DEFAULT_WORDS_PER_MINUTE, estimateWordTimings, heardReplyText } from './heard-text.ts';
export type { SpokenSegment } from './heard-text.ts';
export { compileExpectedPhrases } from './expected-phrases.ts';
