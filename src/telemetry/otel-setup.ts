import type { Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';

export interface TracingHandle {
  readonly tracer: Tracer;
  /** Exports what is pending and stops; resolves when done. */
  shutdown(): Promise<void>;
}

/** A tracer provider exporting in batches to `exporter`; tests pass an in-memory one. */
export function createTracing(exporter: SpanExporter, serviceName = 'parley'): TracingHandle {
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    spanProcessors: [new BatchSpanProcessor(exporter, { scheduledDelayMillis: 1000 })],
  });
  return {
    tracer: provider.getTracer('parley'),
    shutdown: () => provider.shutdown(),
  };
}

/**
 * Tracing over OTLP/HTTP when OTEL_EXPORTER_OTLP_ENDPOINT (or ..._TRACES_ENDPOINT) is set,
 * else undefined: no provider, no subscription, no cost. The exporter reads the standard
 * OTEL_EXPORTER_OTLP_* variables (headers, timeout) itself; OTEL_SERVICE_NAME names the service.
 */
export function tracingFromEnv(env: NodeJS.ProcessEnv = process.env): TracingHandle | undefined {
  const endpoint = env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'] ?? env['OTEL_EXPORTER_OTLP_ENDPOINT'];
  if (endpoint === undefined || endpoint.trim() === '') return undefined;
  const url =
    env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'] ?? `${endpoint.replace(/\/$/, '')}/v1/traces`;
  return createTracing(new OTLPTraceExporter({ url }), env['OTEL_SERVICE_NAME'] ?? 'parley');
}
