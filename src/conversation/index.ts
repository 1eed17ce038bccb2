export { createSession } from './create-session.ts';
export type { Session, SessionListener, SessionModels, SessionOptions } from './types.ts';
