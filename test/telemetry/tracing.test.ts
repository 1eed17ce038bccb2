import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HrTime } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import type { AnyToolDefinition } from '../../src/spec/tool.ts';
import { traceSession } from '../../src/telemetry/tracing.ts';
import { scriptedSession } from '../../src/testing/session-harness.ts';
import type { VirtualClock } from '../../src/testing/virtual-clock.ts';

const EPOCH_MS = 1_800_000_000_000;
const hrTimeToMilliseconds = ([seconds, nanos]: HrTime) => seconds * 1000 + nanos / 1e6;

function memoryTracer() {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  return { exporter, provider, tracer: provider.getTracer('test') };
}

const ms = (span: ReadableSpan) => ({
  startMs: hrTimeToMilliseconds(span.startTime) - EPOCH_MS,
  endMs: hrTimeToMilliseconds(span.endTime) - EPOCH_MS,
  durationMs: hrTimeToMilliseconds(span.duration),
});

/** A tool that takes 300 ms on the clock it is given once the session exists. */
function orderTool(clock: () => { sleep(ms: number): Promise<void> }): AnyToolDefinition {
  return {
    name: 'get_order_status',
    description: 'Look up an order by its number',
    parameters: { type: 'object', properties: { order_id: { type: 'string' } } },
    execute: async () => {
      await clock().sleep(300);
      return { status: 'shipped' };
    },
  };
}

describe('tracing a scripted turn', () => {
  it('builds one trace with a turn span, its stage spans and the tool call under the LLM span', async () => {
    const { exporter, provider, tracer } = memoryTracer();
    const late: { clock?: VirtualClock } = {};
    const t = scriptedSession({
      user: [{ startMs: 0, endMs: 1000, transcript: 'Where is order 4571?' }],
      latencies: { sttFinalDelayMs: 100 },
      llm: [
        {
          firstTokenDelayMs: 200,
          toolCalls: [{ name: 'get_order_status', arguments: { order_id: '4571' } }],
        },
        { firstTokenDelayMs: 100, tokenIntervalMs: 50, text: 'It shipped yesterday.' },
      ],
      tts: { firstAudioDelayMs: 50 },
      agent: { tools: [orderTool(() => late.clock!)] },
      session: { greet: false },
    });
    late.clock = t.clock;
    const trace = traceSession(t.session, {
      tracer,
      clock: t.clock,
      epochOffsetMs: EPOCH_MS,
      models: { llmProvider: t.llm.provider, llmModel: t.llm.model },
    });
    await t.clock.advanceUntil(() => t.first('metrics.turn') !== undefined);
    const metrics = t.first('metrics.turn')!.metrics;
    trace.end();
    await t.session.close();
    await provider.forceFlush();
    const spans = exporter.getFinishedSpans();
    await provider.shutdown();

    const byName = (name: string) => {
      const found = spans.filter((s) => s.name === name);
      assert.equal(found.length, 1, `one ${name} span in ${spans.map((s) => s.name).join(', ')}`);
      return found[0]!;
    };
    const root = byName('parley.conversation');
    const turn = byName('parley.turn');
    const llm = byName(`chat ${t.llm.model}`);
    const tool = byName('execute_tool get_order_status');
    const traceIds = new Set(spans.map((s) => s.spanContext().traceId));
    assert.equal(traceIds.size, 1, 'one trace for the conversation');
    const parentOf = (s: ReadableSpan) => s.parentSpanContext?.spanId;
    assert.equal(parentOf(root), undefined);
    assert.equal(parentOf(turn), root.spanContext().spanId);
    for (const stage of [
      'parley.endpointing',
      'parley.stt.final',
      'parley.tts.first_audio',
      'parley.playback',
    ]) {
      assert.equal(
        parentOf(byName(stage)),
        turn.spanContext().spanId,
        `${stage} is a child of the turn`,
      );
    }
    assert.equal(parentOf(llm), turn.spanContext().spanId);
    assert.equal(
      parentOf(tool),
      llm.spanContext().spanId,
      'the tool call is a child of the LLM call',
    );

    // Timings on the virtual clock: the turn starts where the user stopped speaking.
    assert.equal(ms(turn).startMs, 1000);
    assert.equal(ms(byName('parley.endpointing')).durationMs, metrics.endpointingMs);
    assert.equal(ms(byName('parley.stt.final')).durationMs, 100);
    assert.equal(ms(byName('parley.tts.first_audio')).durationMs, 50);
    assert.equal(metrics.llmFirstTokenMs, 200);
    const firstToken = llm.events.find((e) => e.name === 'gen_ai.first_token')!;
    assert.equal(hrTimeToMilliseconds(firstToken.time) - EPOCH_MS, ms(llm).startMs + 200);
    assert.equal(ms(llm).startMs, 1000 + metrics.endpointingMs!);
    assert.equal(ms(tool).durationMs, 300);
    assert.ok(ms(tool).startMs >= ms(llm).startMs + 200);
    assert.ok(ms(llm).endMs >= ms(tool).endMs, 'the LLM span covers its tool call');
    const playback = ms(byName('parley.playback'));
    assert.equal(playback.startMs, 1000 + metrics.firstAudioMs!);
    assert.ok(ms(turn).endMs >= playback.endMs);

    assert.equal(llm.attributes['gen_ai.operation.name'], 'chat');
    assert.equal(llm.attributes['gen_ai.provider.name'], t.llm.provider);
    assert.equal(tool.attributes['gen_ai.tool.name'], 'get_order_status');
    assert.equal(tool.attributes['parley.tool.outcome'], 'ok');
    assert.equal(root.attributes['gen_ai.conversation.id'], t.session.id);
    assert.equal(root.attributes['parley.conversation.turns'], 1);
    assert.equal(turn.attributes['parley.latency.first_audio_ms'], metrics.firstAudioMs);
  });

  it('marks an interrupted turn with an interruption span that ends where playback stopped', async () => {
    const { exporter, provider, tracer } = memoryTracer();
    const t = scriptedSession({
      user: [
        { startMs: 0, endMs: 1000, transcript: 'Tell me a long story.' },
        { startMs: 3000, endMs: 4200, transcript: 'Stop, stop please, that is enough now.' },
      ],
      llm: { firstTokenDelayMs: 100, tokenIntervalMs: 20, text: 'Once upon a time '.repeat(30) },
      session: { greet: false },
    });
    const trace = traceSession(t.session, { tracer, clock: t.clock, epochOffsetMs: EPOCH_MS });
    await t.clock.advanceUntil(() => t.first('metrics.turn') !== undefined);
    trace.end();
    await t.session.close();
    await provider.forceFlush();
    const spans = exporter.getFinishedSpans();
    await provider.shutdown();
    const interruption = spans.find((s) => s.name === 'parley.interruption');
    const playback = spans.find((s) => s.name === 'parley.playback');
    assert.ok(interruption && playback, `spans: ${spans.map((s) => s.name).join(', ')}`);
    const metrics = t.first('metrics.turn')!.metrics;
    assert.equal(metrics.interrupted, true);
    assert.equal(ms(interruption).durationMs, metrics.interruptMs);
    assert.ok(ms(interruption).startMs >= 3000, 'the interruption starts at the barge-in');
    assert.ok(ms(playback).endMs >= ms(interruption).endMs);
    assert.ok(ms(playback).endMs < 3000 + 2000, 'playback was cut, not played to the end');
    assert.equal(playback.attributes['parley.playback.interrupted'], true);
  });

  it('leaves the session untouched when tracing is off: no env endpoint, no tracer', async () => {
    const { tracingFromEnv } = await import('../../src/telemetry/otel-setup.ts');
    assert.equal(tracingFromEnv({}), undefined);
    assert.equal(tracingFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: ' ' }), undefined);
  });
});
