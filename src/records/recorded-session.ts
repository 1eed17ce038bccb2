import type { Session } from '../conversation/types.ts';
import { SessionRecorder } from './session-recorder.ts';
import type { RecordWrite } from './model.ts';

/** Where a recorded session's writes go: a `WriteQueue`, or anything that takes them. */
export interface RecordSink {
  push(write: RecordWrite): void;
}

export interface RecordSessionOptions {
  readonly queue: RecordSink;
  readonly workerId?: string;
  /** Wall clock for the records (epoch ms). Default `Date.now`. */
  readonly now?: () => number;
}

/**
 * The same session, recorded: its events are folded into records and queued for the store.
 * The recorder rides on the first subscription, so the greeting replayed to the transport
 * is recorded too and the session keeps one listener per subscriber.
 */
/** A recorded session; `setEndReason` names why it ends (default `closed`). */
export interface RecordedSession extends Session {
  setEndReason(reason: string): void;
}

export function recordSession(session: Session, options: RecordSessionOptions): RecordedSession {
  const now = options.now ?? Date.now;
  const recorder = new SessionRecorder({
    id: session.id,
    agentId: session.agent.id,
    ...(options.workerId !== undefined && { workerId: options.workerId }),
    startedAtMs: now(),
  });
  const push = (writes: ReturnType<SessionRecorder['start']>) => {
    for (const write of writes) options.queue.push(write);
  };
  push(recorder.start());
  let tapped = false;
  let endReason = 'closed';
  return {
    id: session.id,
    agent: session.agent,
    outputSampleRate: session.outputSampleRate,
    get history() {
      return session.history;
    },
    pushAudio: (chunk) => session.pushAudio(chunk),
    sendText: (text) => session.sendText(text),
    setPlaybackPosition: (turnId, playedMs) => session.setPlaybackPosition(turnId, playedMs),
    pttDown: () => session.pttDown(),
    pttUp: () => session.pttUp(),
    recordFallback: (label) => session.recordFallback?.(label),
    subscribe: (listener) => {
      if (tapped) return session.subscribe(listener);
      tapped = true;
      return session.subscribe((event) => {
        push(recorder.next(event, now()));
        listener(event);
      });
    },
    setEndReason: (reason) => {
      endReason = reason;
    },
    close: async () => {
      await session.close();
      push(recorder.end(now(), endReason));
    },
  };
}
