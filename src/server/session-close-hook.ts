import type { Session } from '../conversation/types.ts';

/** The same session, with `onClosed` run once after it closes (a class instance stays intact). */
export function withCloseHook(session: Session, onClosed: () => void): Session {
  let released = false;
  const release = () => {
    if (!released) onClosed();
    released = true;
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
    pushAudio: (chunk) => session.pushAudio(chunk),
    sendText: (text) => session.sendText(text),
    setPlaybackPosition: (turnId, playedMs) => session.setPlaybackPosition(turnId, playedMs),
    pttDown: () => session.pttDown(),
    pttUp: () => session.pttUp(),
    subscribe: (listener) => session.subscribe(listener),
    recordFallback: (label) => session.recordFallback?.(label),
    cancelReply: () => session.cancelReply?.(),
    close: () => session.close().finally(release),
  };
}
