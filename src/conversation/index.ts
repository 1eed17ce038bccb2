export { createSession } from './create-session.ts';
export type { Session, SessionListener, SessionModels, SessionOptions } from './types.ts';
export { step, agentHoldsFloor, nextDeadline } from './step.ts';
export { initialConversation } from './state.ts';
export type {
  BargeIn,
  ConversationCommand,
  ConversationEvent,
  ConversationPolicy,
  ConversationState,
  ReplyState,
  Step,
  TurnTiming,
  UserState,
} from './state.ts';
export { decideBargeIn, bargeInDeadline } from './barge-in.ts';
export type { BargeInAction } from './barge-in.ts';
export {
  DEFAULT_BACKCHANNELS,
  DEFAULT_END_OF_TURN,
  DEFAULT_FILLER,
  DEFAULT_INTERRUPTION,
  DEFAULT_MAX_USER_TEXT_CHARS,
  defaultInterruption,
} from './defaults.ts';
export { normaliseError } from './errors.ts';
export type { Stage } from './errors.ts';
