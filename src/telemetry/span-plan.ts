import type { TurnMetrics } from '../spec/metrics.ts';
import type { TurnFacts } from './turn-facts.ts';

export type SpanAttributeValue = string | number | boolean;

/** One span to create, on the session clock (ms). `parent` indexes an earlier plan entry. */
export interface PlannedSpan {
  readonly name: string;
  readonly parent?: number;
  readonly startMs: number;
  readonly endMs: number;
  readonly attributes: Readonly<Record<string, SpanAttributeValue>>;
  readonly error?: string;
  readonly events?: readonly { readonly name: string; readonly atMs: number }[];
}

/** What the planner knows of the models in use, for GenAI attributes. */
export interface ModelNames {
  /** e.g. `openai`, `anthropic`, `fake`. */
  readonly llmProvider?: string;
  readonly llmModel?: string;
  readonly sttProvider?: string;
  readonly ttsProvider?: string;
}

const span = (
  name: string,
  parent: number | undefined,
  startMs: number,
  endMs: number,
  attributes: Record<string, SpanAttributeValue> = {},
): PlannedSpan => ({
  name,
  ...(parent !== undefined && { parent }),
  startMs,
  endMs: Math.max(startMs, endMs),
  attributes,
});

/**
 * The span tree of one finished turn: the turn (index 0) with children for endpointing,
 * STT final, retrieval, the LLM call (its tool calls as its children), TTS first audio,
 * playback and the interruption. Times come from the events and the turn's metrics; a
 * stage that did not run has no span. Attributes follow the OpenTelemetry GenAI semantic
 * conventions (gen_ai.*) where one applies, `parley.*` otherwise.
 */
export function planTurnSpans(
  facts: TurnFacts,
  metrics: TurnMetrics,
  endMs: number,
  models: ModelNames = {},
): PlannedSpan[] {
  const detectedAtMs = facts.startedAtMs ?? facts.firstSeenAtMs;
  const userStoppedAtMs =
    metrics.endpointingMs !== undefined ? detectedAtMs - metrics.endpointingMs : detectedAtMs;
  const plan: PlannedSpan[] = [turnSpan(facts, metrics, userStoppedAtMs, endMs)];
  const at = (ms: number | undefined, fallback: number) => ms ?? fallback;
  if (metrics.endpointingMs !== undefined) {
    plan.push(span('parley.endpointing', 0, userStoppedAtMs, detectedAtMs));
  }
  if (metrics.sttFinalMs !== undefined) {
    plan.push(
      span('parley.stt.final', 0, userStoppedAtMs, userStoppedAtMs + metrics.sttFinalMs, {
        ...(models.sttProvider && { 'parley.stt.provider': models.sttProvider }),
      }),
    );
  }
  const retrievalMs = metrics.retrievalMs ?? 0;
  if (metrics.retrievalMs !== undefined) {
    plan.push(
      span('parley.retrieval', 0, detectedAtMs, detectedAtMs + retrievalMs, {
        'parley.retrieval.passages': facts.retrievalPassages ?? 0,
      }),
    );
  }
  if (metrics.llmFirstTokenMs !== undefined) {
    pushLlm(plan, facts, detectedAtMs + retrievalMs, metrics.llmFirstTokenMs, endMs, models);
  }
  if (metrics.ttsFirstAudioMs !== undefined && facts.firstTextAtMs !== undefined) {
    plan.push(
      span(
        'parley.tts.first_audio',
        0,
        facts.firstTextAtMs,
        facts.firstTextAtMs + metrics.ttsFirstAudioMs,
        { ...(models.ttsProvider && { 'parley.tts.provider': models.ttsProvider }) },
      ),
    );
  }
  if (facts.audioStartAtMs !== undefined) {
    plan.push(
      span('parley.playback', 0, facts.audioStartAtMs, at(facts.audioEndAtMs, endMs), {
        'parley.playback.interrupted': metrics.interrupted,
      }),
    );
  }
  if (facts.interruptAtMs !== undefined) {
    const startMs = facts.interruptAtMs - (metrics.interruptMs ?? 0);
    plan.push(
      span('parley.interruption', 0, startMs, facts.interruptAtMs, {
        'parley.interruption.heard_chars': facts.heardText?.length ?? 0,
      }),
    );
  }
  return plan;
}

function turnSpan(
  facts: TurnFacts,
  metrics: TurnMetrics,
  startMs: number,
  endMs: number,
): PlannedSpan {
  const attributes: Record<string, SpanAttributeValue> = {
    'parley.turn.id': facts.turnId,
    'parley.turn.interrupted': metrics.interrupted,
    'parley.turn.false_interruptions': facts.falseInterruptions,
  };
  const figures: (keyof TurnMetrics)[] = [
    'endpointingMs',
    'sttFinalMs',
    'retrievalMs',
    'llmFirstTokenMs',
    'ttsFirstAudioMs',
    'firstAudioMs',
    'interruptMs',
  ];
  for (const key of figures) {
    const value = metrics[key];
    if (typeof value === 'number') attributes[`parley.latency.${snake(key)}`] = value;
  }
  if (metrics.cache) attributes['parley.cache.hit'] = metrics.cache.hit;
  if (metrics.fallbacks) attributes['parley.fallbacks'] = metrics.fallbacks.join(',');
  return span('parley.turn', undefined, Math.min(startMs, facts.firstSeenAtMs), endMs, attributes);
}

function pushLlm(
  plan: PlannedSpan[],
  facts: TurnFacts,
  requestAtMs: number,
  firstTokenMs: number,
  turnEndMs: number,
  models: ModelNames,
): void {
  const firstTokenAtMs = requestAtMs + firstTokenMs;
  const lastActivity = Math.max(
    firstTokenAtMs,
    facts.lastTextAtMs ?? 0,
    ...facts.tools.map((t) => t.resultAtMs ?? turnEndMs),
  );
  const name = models.llmModel ? `chat ${models.llmModel}` : 'chat';
  const llm: PlannedSpan = {
    ...span(name, 0, requestAtMs, lastActivity, {
      'gen_ai.operation.name': 'chat',
      ...(models.llmProvider && { 'gen_ai.provider.name': models.llmProvider }),
      ...(models.llmModel && { 'gen_ai.request.model': models.llmModel }),
      'parley.llm.first_token_ms': firstTokenMs,
    }),
    events: [{ name: 'gen_ai.first_token', atMs: firstTokenAtMs }],
  };
  const llmIndex = plan.push(llm) - 1;
  for (const tool of facts.tools) {
    const outcome = tool.ok === undefined ? 'unfinished' : tool.ok ? 'ok' : 'error';
    plan.push({
      ...span(
        `execute_tool ${tool.name}`,
        llmIndex,
        tool.calledAtMs,
        tool.resultAtMs ?? turnEndMs,
        {
          'gen_ai.operation.name': 'execute_tool',
          'gen_ai.tool.name': tool.name,
          'gen_ai.tool.call.id': tool.toolCallId,
          'parley.tool.outcome': outcome,
        },
      ),
      ...(outcome !== 'ok' && { error: `tool ${tool.name}: ${outcome}` }),
    });
  }
}

function snake(key: string): string {
  return key.replace(/Ms$/, '_ms').replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
