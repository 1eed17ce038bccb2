import type { SessionEvent } from '../spec/events.ts';

export type SessionListener = (event: SessionEvent) => void;

/** Events kept for a subscriber that comes late: about ten seconds of greeting audio frames. */
const BACKLOG_LIMIT = 1000;

/**
 * The session's listeners. Events emitted before anyone subscribed (the greeting, which
 * starts as the session is created) are kept and replayed to the FIRST subscriber, so a
 * transport that subscribes a moment after `createSession` returns still shows and plays
 * the greeting. Later subscribers see only what comes after they subscribe. Nothing is
 * emitted after `close`.
 */
export function createEmitter() {
  const listeners = new Set<SessionListener>();
  let backlog: SessionEvent[] | undefined = [];
  let closed = false;

  const deliver = (listener: SessionListener, event: SessionEvent) => {
    try {
      listener(event);
    } catch (error: unknown) {
      console.error('parley: a session listener threw', error);
    }
  };

  return {
    emit(event: SessionEvent): void {
      if (closed) return;
      if (backlog) {
        backlog.push(event);
        if (backlog.length > BACKLOG_LIMIT) backlog.shift();
        return;
      }
      for (const listener of listeners) deliver(listener, event);
    },
    subscribe(listener: SessionListener): () => void {
      listeners.add(listener);
      const replay = backlog ?? [];
      backlog = undefined;
      for (const event of replay) if (!closed) deliver(listener, event);
      return () => listeners.delete(listener);
    },
    close(): void {
      closed = true;
      backlog = undefined;
      listeners.clear();
    },
  };
}
