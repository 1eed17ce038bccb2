import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tracingFromEnv } from '../../src/telemetry/otel-setup.ts';
import { traceSession } from '../../src/telemetry/tracing.ts';
import { scriptedSession } from '../../src/testing/session-harness.ts';
import { startOtlpReceiver } from './otlp-receiver.fixture.ts';

describe('OTLP/HTTP export', () => {
  it('sends the conversation trace to the endpoint named by OTEL_EXPORTER_OTLP_ENDPOINT', async () => {
    const receiver = await startOtlpReceiver();
    try {
      const tracing = tracingFromEnv({
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
        OTEL_SERVICE_NAME: 'parley-test',
      });
      assert.ok(tracing, 'an endpoint turns tracing on');
      const t = scriptedSession({ llm: { text: 'Hello there.' }, session: { greet: false } });
      const trace = traceSession(t.session, { tracer: tracing.tracer, clock: t.clock });
      t.session.sendText('hi');
      await t.clock.advanceUntil(() => t.first('metrics.turn') !== undefined);
      trace.end();
      await t.session.close();
      await tracing.shutdown();

      const names = receiver.spans.map((s) => s.name).sort();
      assert.ok(names.includes('parley.conversation'), `received ${names.join(', ')}`);
      assert.ok(names.includes('parley.turn'));
      assert.ok(names.includes('parley.playback'));
      assert.deepEqual([...receiver.serviceNames], ['parley-test']);
      assert.equal(new Set(receiver.spans.map((s) => s.traceId)).size, 1);
      const root = receiver.spans.find((s) => s.name === 'parley.conversation')!;
      const conversationId = root.attributes?.find((a) => a.key === 'gen_ai.conversation.id');
      assert.deepEqual(conversationId?.value, { stringValue: t.session.id });
      const turn = receiver.spans.find((s) => s.name === 'parley.turn')!;
      assert.equal(turn.parentSpanId, root.spanId);
      assert.ok(BigInt(turn.endTimeUnixNano) >= BigInt(turn.startTimeUnixNano));
    } finally {
      await receiver.close();
    }
  });
});
