import type { Clock } from '../../spec/clock.ts';
import type { SessionObserver } from '../instrument.ts';
import { type ModelNames, planTurnSpans } from '../span-plan.ts';
import { type TurnFacts, TurnFactsCollector } from '../turn-facts.ts';
import { type CallSummary, type TurnSummary, median } from './model.ts';
import type { TurnMetrics } from '../../spec/metrics.ts';

export interface CallObserverOptions {
  readonly sessionId: string;
  readonly agent: { readonly id: string; readonly name: string };
  readonly clock: Clock;
  readonly models?: ModelNames;
  readonly hasRecording: boolean;
  readonly epochOffsetMs?: number;
  /** Receives the finished call when the session closes. */
  readonly save: (call: CallSummary) => void | Promise<void>;
}

/** Builds a call's summary (transcript heard/unheard, tools, waterfall) from its events. */
export function createCallObserver(options: CallObserverOptions): SessionObserver {
  const { clock } = options;
  const offsetMs = options.epochOffsetMs ?? Date.now() - clock.now();
  const startedAtMs = clock.now();
  const facts = new TurnFactsCollector();
  const turns: TurnSummary[] = [];
  return {
    onEvent(event) {
      const nowMs = clock.now();
      if (event.type !== 'metrics.turn') {
        facts.add(event, nowMs);
        return;
      }
      const turn = facts.take(event.metrics.turnId, nowMs);
      turns.push(summarizeTurn(turn, event.metrics, nowMs, options.models));
    },
    async close() {
      const firstAudio = turns.flatMap((t) =>
        t.firstAudioMs === undefined ? [] : [t.firstAudioMs],
      );
      await options.save({
        id: options.sessionId,
        agentId: options.agent.id,
        agentName: options.agent.name,
        startedAtEpochMs: startedAtMs + offsetMs,
        durationMs: clock.now() - startedAtMs,
        turns: turns.filter((t) => t.userText !== '').length,
        medianFirstAudioMs: median(firstAudio),
        turnList: turns,
        hasRecording: options.hasRecording,
      });
    },
  };
}

function summarizeTurn(
  facts: TurnFacts,
  metrics: TurnMetrics,
  nowMs: number,
  models: ModelNames | undefined,
): TurnSummary {
  const plan = planTurnSpans(facts, metrics, nowMs, models);
  const originMs = plan[0]!.startMs;
  const reply = facts.texts.join(' ').trim();
  const heard = metrics.interrupted ? (facts.heardText ?? '').trim() : reply;
  const unheard =
    metrics.interrupted && reply.startsWith(heard) ? reply.slice(heard.length).trim() : '';
  return {
    turnId: facts.turnId,
    userText: facts.userText ?? '',
    heardText: heard,
    unheardText: metrics.interrupted && unheard === '' && heard !== reply ? reply : unheard,
    interrupted: metrics.interrupted,
    firstAudioMs: metrics.firstAudioMs,
    tools: facts.tools.map((t) => ({
      name: t.name,
      arguments: t.arguments,
      ok: t.ok,
      result: t.result,
      durationMs: t.resultAtMs === undefined ? undefined : t.resultAtMs - t.calledAtMs,
    })),
    waterfall: plan.map((span) => ({
      name: span.name,
      startMs: span.startMs - originMs,
      endMs: span.endMs - originMs,
      ...(span.error !== undefined && { error: true }),
    })),
  };
}
