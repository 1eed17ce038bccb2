import type { Session } from '../conversation/types.ts';
import type { AudioChunk } from '../spec/audio.ts';
import type { Clock } from '../spec/clock.ts';
import type { ParleyMetrics } from './metrics.ts';
import { metricsListener } from './metrics-listener.ts';
import type { TracingHandle } from './otel-setup.ts';
import type { ModelNames } from './span-plan.ts';
import { traceSession } from './tracing.ts';

export interface TelemetryOptions {
  readonly tracing?: TracingHandle;
  readonly metrics?: ParleyMetrics;
}

export interface InstrumentContext {
  readonly clock: Clock;
  readonly models?: ModelNames;
}

/** A session's listeners that want to hear of it (tracing, metrics, recording). */
export interface SessionObserver {
  onEvent(event: Parameters<Parameters<Session['subscribe']>[0]>[0]): void;
  played?(turnId: number, playedMs: number): void;
  /** Microphone audio as the session received it. */
  input?(chunk: AudioChunk): void;
  close(): void | Promise<void>;
}

/**
 * Wraps a session so telemetry sees its events. The observers subscribe right AFTER the
 * first outside subscriber (the transport), because the session replays its greeting only
 * to its first subscriber. With nothing configured the session is returned as it is.
 */
export function instrumentSession(
  session: Session,
  observers: readonly SessionObserver[],
): Session {
  if (observers.length === 0) return session;
  let unsubscribe: (() => void) | undefined;
  let closed = false;
  const attach = () => {
    if (unsubscribe || closed) return;
    unsubscribe = session.subscribe((event) => {
      for (const observer of observers) observer.onEvent(event);
    });
  };
  const finish = async () => {
    if (closed) return;
    closed = true;
    unsubscribe?.();
    for (const observer of observers) await observer.close();
  };
  return Object.assign(Object.create(session) as Session, {
    subscribe(listener: Parameters<Session['subscribe']>[0]) {
      const off = session.subscribe(listener);
      attach();
      return off;
    },
    pushAudio(chunk: AudioChunk) {
      session.pushAudio(chunk);
      for (const observer of observers) observer.input?.(chunk);
    },
    setPlaybackPosition(turnId: number, playedMs: number) {
      for (const observer of observers) observer.played?.(turnId, playedMs);
      session.setPlaybackPosition(turnId, playedMs);
    },
    async close() {
      try {
        await session.close();
      } finally {
        await finish();
      }
    },
  });
}

/** Observers for tracing and metrics as configured; none when both are off. */
export function telemetryObservers(
  options: TelemetryOptions,
  session: Pick<Session, 'id' | 'agent' | 'subscribe'>,
  context: InstrumentContext,
): SessionObserver[] {
  const observers: SessionObserver[] = [];
  const agent = session.agent.id;
  if (options.metrics) {
    const metrics = options.metrics;
    const listener = metricsListener(metrics, agent, () => context.clock.now());
    metrics.sessionOpened(agent);
    observers.push({
      onEvent: (event) => listener.onEvent(event),
      played: (turnId, playedMs) => listener.played(turnId, playedMs),
      close: () => metrics.sessionClosed(agent),
    });
  }
  if (options.tracing) {
    const tracer = options.tracing.tracer;
    const relay = new Set<(event: Parameters<SessionObserver['onEvent']>[0]) => void>();
    const trace = traceSession(
      {
        id: session.id,
        agent: session.agent,
        subscribe: (listener) => {
          relay.add(listener);
          return () => relay.delete(listener);
        },
      },
      { tracer, clock: context.clock, ...(context.models && { models: context.models }) },
    );
    observers.push({
      onEvent: (event) => {
        for (const listener of relay) listener(event);
      },
      close: () => trace.end(),
    });
  }
  return observers;
}
