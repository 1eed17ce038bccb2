import { type IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { TurnMetrics } from '../spec/metrics.ts';

/** Buckets for voice latencies, in seconds: 50 ms to 10 s. */
const LATENCY_BUCKETS_S = [0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10];

/** The figures of TurnMetrics that become histograms, by metric name. */
const HISTOGRAMS = {
  parley_first_audio_seconds: ['firstAudioMs', 'User stopped speaking to first agent audio sent'],
  parley_endpointing_seconds: ['endpointingMs', 'User stopped speaking to turn detected'],
  parley_llm_first_token_seconds: ['llmFirstTokenMs', 'LLM request to first token'],
  parley_tts_first_audio_seconds: ['ttsFirstAudioMs', 'First text to TTS to first audio back'],
  parley_interruption_seconds: ['interruptMs', 'User speech onset to agent audio stopped'],
} as const satisfies Record<string, readonly [keyof TurnMetrics, string]>;

type HistogramName = keyof typeof HISTOGRAMS;

/**
 * Parley's Prometheus metrics in their own registry (never prom-client's global one, so
 * two servers in one process do not collide). Latencies are histograms in seconds, labelled
 * by agent; see docs/observability.md for the list.
 */
export class ParleyMetrics {
  readonly registry = new Registry();
  readonly #latency = new Map<HistogramName, Histogram<'agent'>>();
  readonly #heard: Histogram<'agent'>;
  readonly #turns: Counter<'agent'>;
  readonly #interruptions: Counter<'agent'>;
  readonly #falseInterruptions: Counter<'agent'>;
  readonly #fallbacks: Counter<'agent' | 'fallback'>;
  readonly #toolErrors: Counter<'agent' | 'tool'>;
  readonly #providerErrors: Counter<'vendor'>;
  readonly #liveSessions: Gauge<'agent'>;
  readonly #loopDelay: IntervalHistogram;

  constructor() {
    const registers = [this.registry];
    for (const [name, [, help]] of Object.entries(HISTOGRAMS)) {
      const histogram = new Histogram({
        name,
        help,
        labelNames: ['agent'],
        buckets: LATENCY_BUCKETS_S,
        registers,
      });
      this.#latency.set(name as HistogramName, histogram);
    }
    this.#heard = new Histogram({
      name: 'parley_heard_seconds',
      help: 'User stopped speaking to the client playing the first agent audio',
      labelNames: ['agent'],
      buckets: LATENCY_BUCKETS_S,
      registers,
    });
    const counter = <L extends string>(name: string, help: string, labelNames: L[]) =>
      new Counter<L>({ name, help, labelNames, registers });
    this.#turns = counter('parley_turns_total', 'Turns answered', ['agent']);
    this.#interruptions = counter('parley_interruptions_total', 'Barge-ins', ['agent']);
    this.#falseInterruptions = counter(
      'parley_false_interruptions_total',
      'Pauses for user sound that resumed (no real barge-in)',
      ['agent'],
    );
    this.#fallbacks = counter('parley_fallbacks_total', 'Provider fallbacks taken', [
      'agent',
      'fallback',
    ]);
    this.#toolErrors = counter('parley_tool_errors_total', 'Tool calls that failed', [
      'agent',
      'tool',
    ]);
    this.#providerErrors = counter('parley_provider_errors_total', 'Provider errors', ['vendor']);
    this.#liveSessions = new Gauge({
      name: 'parley_live_sessions',
      help: 'Sessions open now',
      labelNames: ['agent'],
      registers,
    });
    this.#loopDelay = monitorEventLoopDelay({ resolution: 20 });
    this.#loopDelay.enable();
    const loopDelay = this.#loopDelay;
    new Gauge({
      name: 'parley_event_loop_lag_seconds',
      help: 'Event-loop delay p99 since the previous scrape',
      registers,
      collect() {
        const p99Ns = loopDelay.count > 0 ? loopDelay.percentile(99) : 0;
        this.set(p99Ns / 1e9);
        loopDelay.reset();
      },
    });
  }

  sessionOpened(agent: string): void {
    this.#liveSessions.inc({ agent });
  }

  sessionClosed(agent: string): void {
    this.#liveSessions.dec({ agent });
  }

  turn(agent: string, metrics: TurnMetrics, heardMs: number | undefined): void {
    this.#turns.inc({ agent });
    for (const [name, [key]] of Object.entries(HISTOGRAMS)) {
      const value = metrics[key];
      if (typeof value === 'number') {
        this.#latency.get(name as HistogramName)!.observe({ agent }, value / 1000);
      }
    }
    if (heardMs !== undefined) this.#heard.observe({ agent }, heardMs / 1000);
    if (metrics.interrupted) this.#interruptions.inc({ agent });
    for (const fallback of metrics.fallbacks ?? []) this.#fallbacks.inc({ agent, fallback });
  }

  falseInterruption(agent: string): void {
    this.#falseInterruptions.inc({ agent });
  }

  toolError(agent: string, tool: string): void {
    this.#toolErrors.inc({ agent, tool });
  }

  providerError(vendor: string): void {
    this.#providerErrors.inc({ vendor });
  }

  /** The exposition text and its content type, for `/metrics`. */
  async render(): Promise<{ readonly contentType: string; readonly body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  /** Stops the event-loop monitor. */
  close(): void {
    this.#loopDelay.disable();
  }
}
