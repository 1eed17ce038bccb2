import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Session, SessionModels } from '../conversation/types.ts';
import type { AgentDefinition } from '../spec/agent.ts';
import type { Clock } from '../spec/clock.ts';
import { systemClock } from '../stream/system-clock.ts';
import { instrumentSession, type SessionObserver, telemetryObservers } from './instrument.ts';
import { ParleyMetrics } from './metrics.ts';
import { type TracingHandle, tracingFromEnv } from './otel-setup.ts';

export interface TelemetryConfig {
  readonly tracing?: TracingHandle;
  readonly metrics?: ParleyMetrics;
  /** More observers per session (recordings, call records). */
  readonly extraObservers?: (session: Session, clock: Clock) => SessionObserver[];
  readonly clock?: Clock;
}

/** What the server needs: a session wrapper, extra routes, and a close. */
export interface Telemetry {
  instrument(session: Session, agent: AgentDefinition, models: SessionModels): Session;
  /** Serves `/metrics`; true when it answered. Call after the token check. */
  handle(request: IncomingMessage, response: ServerResponse, url: URL): Promise<boolean>;
  close(): Promise<void>;
}

export function createTelemetry(config: TelemetryConfig): Telemetry {
  const clock = config.clock ?? systemClock;
  return {
    instrument(session, _agent, models) {
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
      return instrumentSession(session, observers);
    },
    async handle(_request, response, url) {
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
 * at `/metrics` unless PARLEY_METRICS=off.
 */
export function telemetryFromEnv(env: NodeJS.ProcessEnv = process.env): Telemetry {
  const tracing = tracingFromEnv(env);
  const metricsOn = (env['PARLEY_METRICS'] ?? 'on') !== 'off';
  return createTelemetry({
    ...(tracing && { tracing }),
    ...(metricsOn && { metrics: new ParleyMetrics() }),
  });
}
