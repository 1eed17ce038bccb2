export {
  DEFAULT_BACKCHANNELS,
  DEFAULT_END_OF_TURN,
  DEFAULT_FILLER,
  DEFAULT_INTERRUPTION,
} from './defaults.ts';
export { classifyCompleteness, decideEndOfTurn, endOfTurnSilenceMs } from '../listen/end-of-turn.ts';
export type { Completeness, EndOfTurnDecision, EndOfTurnInput } from '../listen/end-of-turn.ts';
export { interruptingWordCount, isBackchannel } from '../listen/backchannel.ts';
export { IDLE_BARGE_IN, nextBargeInDeadline, stepBargeIn } from './barge-in.ts';
export type {
  BargeInAction,
  BargeInInput,
  BargeInPhase,
  BargeInState,
  BargeInStep,
} from './barge-in.ts';
export { DEFAULT_WORDS_PER_MINUTE, estimateWordTimings, heardReplyText } from '../speak/heard-text.ts';
export type { SpokenSegment } from '../speak/heard-text.ts';
export { compileExpectedPhrases } from '../listen/expected-phrases.ts';
