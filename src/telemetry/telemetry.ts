import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Session, SessionModels } from '../conversation/types.ts';
import type { AgentDefinition } from '../spec/agent.ts';
import type { Clock } from '../spec/clock.ts';
import { join } from 'node:path';
import { systemClock } from '../stream/system-clock.ts';
import { createCallObserver } from './calls/call-observer.ts';
import { MemoryCallLog } from './calls/memory-call-log.ts';
import type { CallLogSource } from './calls/model.ts';
import { serveCalls } from './calls/routes.ts';
import { createRecorder } from './recording/recorder.ts';
import { serveRecording } from './recording/routes.ts';
import { RecordingStore } from './recording/store.ts';
import { instrumentSession, type SessionObserver, telemetryObservers } from './instrument.ts';
import { ParleyMetrics } from './metrics.ts';
import { type TracingHandle, tracingFromEnv } from './otel-setup.ts';

export interface TelemetryConfig {
  readonly tracing?: TracingHandle;
  readonly metrics?: ParleyMetrics;
  /** Where recordings go; agents opt in with `recording.enabled`. */
  readonly recordings?: RecordingStore;
  /** Finished calls go here (this process's call log); read back through `callSource`. */
  readonly callLog?: MemoryCallLog;
  /** Where `/calls` reads from. Default: `callLog`. */
  readonly callSource?: CallLogSource;
  /** The built web client (web/dist), for the `/calls` page. */
  readonly pagesDir?: string;
  /** More observers per session (call records). */
  readonly extraObservers?: (session: Session, clock: Clock) => SessionObserver[];
  readonly clock?: Clock;
}

type Named = { readonly provider: string; readonly model: string };
/** What telemetry reads of the session's models (SessionModels fits). */
export type ModelsInfo = { readonly [K in keyof Omit<SessionModels, 'vad'>]: Named };

/** What the server needs: a session wrapper, extra routes, and a close. */
export interface Telemetry {
  instrument(session: Session, agent: AgentDefinition, models: ModelsInfo): Session;
  /** Serves `/metrics`; true when it answered. Call after the token check. */
  handle(request: IncomingMessage, response: ServerResponse, url: URL): Promise<boolean>;
  close(): Promise<void>;
}

export function createTelemetry(config: TelemetryConfig): Telemetry {
  const clock = config.clock ?? systemClock;
  return {
    instrument(session, agent, models) {
      const observers = [
        ...telemetryObservers(config, session, {
          clock,
          models: {
            llmProvider: models.llm.provider,
            llmModel: models.llm.model,
            sttProvider: models.stt.provider,
            ttsProvider: models.tts.provider,
          },
        }),
        ...(config.extraObservers?.(session, clock) ?? []),
      ];
      const recorder =
        config.recordings &&
        createRecorder({ sessionId: session.id, agent, clock, store: config.recordings });
      if (recorder) observers.push(recorder);
      const callLog = config.callLog;
      if (callLog) {
        observers.push(
          createCallObserver({
            sessionId: session.id,
            agent,
            clock,
            hasRecording: recorder !== undefined,
            save: (call) => callLog.add(call),
          }),
        );
      }
      return instrumentSession(session, observers);
    },
    async handle(request, response, url) {
      if (config.recordings && (await serveRecording(config.recordings, request, response, url))) {
        return true;
      }
      const calls = config.callSource ?? config.callLog;
      if (calls && (await serveCalls(calls, config.pagesDir, request, response, url))) return true;
      if (url.pathname !== '/metrics' || !config.metrics) return false;
      const { contentType, body } = await config.metrics.render();
      response.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
      response.end(body);
      return true;
    },
    async close() {
      config.metrics?.close();
      await config.tracing?.shutdown();
    },
  };
}

/**
 * Telemetry from the environment: tracing when OTEL_EXPORTER_OTLP_ENDPOINT is set, metrics
 * at `/metrics` unless PARLEY_METRICS=off, recordings (for agents that enable them) under
 * PARLEY_RECORDINGS_DIR or `<dataDir>/recordings`.
 */
export function telemetryFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  dataDir?: string,
  pagesDir?: string,
  /** Where `/calls` reads from (the deployment's records); default an in-memory log of recent calls. */
  callSourceFor?: (recordings: RecordingStore | undefined) => CallLogSource,
): Telemetry {
  const tracing = tracingFromEnv(env);
  const metricsOn = (env['PARLEY_METRICS'] ?? 'on') !== 'off';
  const recordingsDir =
    env['PARLEY_RECORDINGS_DIR'] ??
    (dataDir === undefined ? undefined : join(dataDir, 'recordings'));
  const recordings = recordingsDir === undefined ? undefined : new RecordingStore(recordingsDir);
  return createTelemetry({
    ...(callSourceFor
      ? { callSource: callSourceFor(recordings) }
      : { callLog: new MemoryCallLog() }),
    ...(pagesDir !== undefined && { pagesDir }),
    ...(tracing && { tracing }),
    ...(recordings && { recordings }),
    ...(metricsOn && { metrics: new ParleyMetrics() }),
  });
}
