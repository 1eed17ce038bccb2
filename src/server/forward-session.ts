import type { Session } from '../conversation/types.ts';

/** A session's calls (everything but its identity and history). */
export type SessionCalls = Omit<Session, 'id' | 'agent' | 'outputSampleRate' | 'history'>;

/**
 * The same session seen through a wrapper: identity and history read through, every call
 * forwarded inside `around` (e.g. charging its work to an account), except the calls in
 * `overrides`, which the wrapper makes itself. A class instance stays intact behind it.
 */
export function forwardSession(
  session: Session,
  overrides: Partial<SessionCalls>,
  around: <T>(call: () => T) => T = (call) => call(),
): Session {
  const forwarded: SessionCalls = {
    pushAudio: (chunk) => around(() => session.pushAudio(chunk)),
    sendText: (text) => around(() => session.sendText(text)),
    setPlaybackPosition: (turnId, playedMs) =>
      around(() => session.setPlaybackPosition(turnId, playedMs)),
    cancelReply: () => around(() => session.cancelReply?.()),
    pttDown: () => around(() => session.pttDown()),
    pttUp: () => around(() => session.pttUp()),
    subscribe: (listener) => around(() => session.subscribe(listener)),
    recordFallback: (label) => around(() => session.recordFallback?.(label)),
    close: () => around(() => session.close()),
  };
  return {
    get id() {
      return session.id;
    },
    get agent() {
      return session.agent;
    },
    get outputSampleRate() {
      return session.outputSampleRate;
    },
    get history() {
      return session.history;
    },
    ...forwarded,
    ...overrides,
  };
}
