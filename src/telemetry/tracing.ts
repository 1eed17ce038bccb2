import {
  type Context,
  type Span,
  type Tracer,
  SpanKind,
  SpanStatusCode,
  context as otelContext,
  trace,
} from '@opentelemetry/api';
import type { Clock } from '../spec/clock.ts';
import type { SessionEvent } from '../spec/events.ts';
import { type ModelNames, type PlannedSpan, planTurnSpans } from './span-plan.ts';
import { TurnFactsCollector } from './turn-facts.ts';

/** The part of a Session tracing needs (so a stub or a transport's session fits). */
export interface TraceableSession {
  readonly id: string;
  readonly agent: { readonly id: string; readonly name: string };
  subscribe(listener: (event: SessionEvent) => void): () => void;
}

export interface TraceSessionOptions {
  readonly tracer: Tracer;
  /** The session's clock: every span time is read from it. */
  readonly clock: Clock;
  /** Added to clock times to make epoch ms. Default: `Date.now() - clock.now()` at start. */
  readonly epochOffsetMs?: number;
  readonly models?: ModelNames;
}

export interface SessionTrace {
  /** Ends the conversation span (call when the session closes). Idempotent. */
  end(): void;
}

/**
 * One trace per conversation: a `parley.conversation` root span and, as each turn's
 * metrics arrive, its span tree (see planTurnSpans). Subscribe AFTER the transport does:
 * the session replays its greeting backlog only to its first subscriber.
 */
export function traceSession(
  session: TraceableSession,
  options: TraceSessionOptions,
): SessionTrace {
  const { tracer, clock, models = {} } = options;
  const offsetMs = options.epochOffsetMs ?? Date.now() - clock.now();
  const epoch = (ms: number) => ms + offsetMs;
  const root = tracer.startSpan('parley.conversation', {
    kind: SpanKind.SERVER,
    startTime: epoch(clock.now()),
    attributes: {
      'gen_ai.conversation.id': session.id,
      'gen_ai.agent.id': session.agent.id,
      'gen_ai.agent.name': session.agent.name,
      ...(models.llmProvider && { 'gen_ai.provider.name': models.llmProvider }),
    },
  });
  const rootContext = trace.setSpan(otelContext.active(), root);
  const facts = new TurnFactsCollector();
  let turns = 0;
  let ended = false;
  const unsubscribe = session.subscribe((event) => {
    const nowMs = clock.now();
    if (event.type === 'error') {
      root.addEvent(
        'parley.error',
        { 'error.type': event.error.code, fatal: event.fatal },
        epoch(nowMs),
      );
      return;
    }
    if (event.type !== 'metrics.turn') {
      facts.add(event, nowMs);
      return;
    }
    turns += 1;
    const plan = planTurnSpans(
      facts.take(event.metrics.turnId, nowMs),
      event.metrics,
      nowMs,
      models,
    );
    emitPlan(tracer, rootContext, plan, epoch);
  });
  return {
    end() {
      if (ended) return;
      ended = true;
      unsubscribe();
      root.setAttribute('parley.conversation.turns', turns);
      root.end(epoch(clock.now()));
    },
  };
}

function emitPlan(
  tracer: Tracer,
  parentContext: Context,
  plan: readonly PlannedSpan[],
  epoch: (ms: number) => number,
): void {
  const contexts: Context[] = [];
  const spans: Span[] = [];
  for (const planned of plan) {
    const parent = planned.parent === undefined ? parentContext : contexts[planned.parent]!;
    const span = tracer.startSpan(
      planned.name,
      {
        kind: planned.name.startsWith('chat') ? SpanKind.CLIENT : SpanKind.INTERNAL,
        startTime: epoch(planned.startMs),
        attributes: planned.attributes,
      },
      parent,
    );
    for (const event of planned.events ?? []) span.addEvent(event.name, epoch(event.atMs));
    if (planned.error !== undefined) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: planned.error });
    }
    contexts.push(trace.setSpan(parent, span));
    spans.push(span);
  }
  // Children end before their parents, as a live trace would.
  for (let i = plan.length - 1; i >= 0; i -= 1) spans[i]!.end(epoch(plan[i]!.endMs));
}
