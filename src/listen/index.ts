export {
  END_OF_TURN_RULES,
  classifyCompleteness,
  decideEndOfTurn,
  endOfTurnSilenceMs,
} from './end-of-turn.ts';
export type {
  Completeness,
  CompletenessContext,
  EndOfTurnDecision,
  EndOfTurnInput,
  EndOfTurnRule,
} from './end-of-turn.ts';
export { interruptingWordCount, isBackchannel } from './backchannel.ts';
export { compileExpectedPhrases } from './expected-phrases.ts';
export { listeningVocabulary } from './listening-vocabulary.ts';
