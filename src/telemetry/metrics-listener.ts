import type { SessionEvent } from '../spec/events.ts';
import type { ParleyError } from '../spec/errors.ts';
import type { ParleyMetrics } from './metrics.ts';

/**
 * Feeds one session's events into the Prometheus metrics. `heard` latency needs the
 * client's playback reports: the first `played(turnId, playedMs)` above zero dates the
 * moment the caller started hearing the reply.
 */
export function metricsListener(metrics: ParleyMetrics, agent: string, now: () => number) {
  const startedAtMs = new Map<number, number>();
  const heardAtMs = new Map<number, number>();
  return {
    onEvent(event: SessionEvent): void {
      if (event.type === 'turn.start') startedAtMs.set(event.turnId, now());
      else if (event.type === 'agent.resumed') metrics.falseInterruption(agent);
      else if (event.type === 'tool.result' && !event.ok) metrics.toolError(agent, event.name);
      else if (event.type === 'error' && event.error.code === 'provider') {
        metrics.providerError(vendorOf(event.error));
      } else if (event.type === 'metrics.turn') {
        const { turnId, endpointingMs, firstAudioMs } = event.metrics;
        const started = startedAtMs.get(turnId);
        const heard = heardAtMs.get(turnId);
        const stoppedAtMs = started === undefined ? undefined : started - (endpointingMs ?? 0);
        const heardMs =
          firstAudioMs !== undefined && heard !== undefined && stoppedAtMs !== undefined
            ? Math.max(firstAudioMs, heard - stoppedAtMs)
            : undefined;
        metrics.turn(agent, event.metrics, heardMs);
        startedAtMs.delete(turnId);
        heardAtMs.delete(turnId);
      }
    },
    played(turnId: number, playedMs: number): void {
      if (playedMs > 0 && !heardAtMs.has(turnId)) heardAtMs.set(turnId, now() - playedMs);
    },
  };
}

/** The vendor a provider error names (`provider` on ProviderError), else `unknown`. */
function vendorOf(error: ParleyError): string {
  const provider: unknown = (error as { provider?: unknown }).provider;
  return typeof provider === 'string' && provider !== '' ? provider : 'unknown';
}
