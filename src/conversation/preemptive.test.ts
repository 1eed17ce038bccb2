import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProviderError } from '../spec/errors.ts';
import type { AnyToolDefinition } from '../spec/tool.ts';
import { scriptedSession } from '../testing/session-harness.ts';

const PREEMPTIVE = { endOfTurn: { preemptiveReply: true } };
/** Silero-like: the VAD confirms the end 300 ms after it, the STT's final comes after 50. */
/** Words that read finished, then more of the same sentence 200 ms later. */
const GOES_ON = [
  { startMs: 0, endMs: 1000, transcript: 'Where is my order' },
  { startMs: 1200, endMs: 2000, transcript: 'from last week?' },
];

const LATENCIES = { vadEndDelayMs: 300, sttFinalDelayMs: 50 };

const tool = (name: string, sideEffects: boolean, calledAtMs: number[], now: () => number) =>
  ({
    name,
    description: `the ${name} tool`,
    parameters: { type: 'object', properties: {} },
    sideEffects,
    execute: () => {
      calledAtMs.push(now());
      return Promise.resolve({ ok: true });
    },
  }) satisfies AnyToolDefinition;

function firstAudioAtMs(preemptiveReply: boolean) {
  const t = scriptedSession({
    user: [{ startMs: 0, endMs: 1000, transcript: 'Where is my order?' }],
    latencies: LATENCIES,
    llm: { firstTokenDelayMs: 200, text: 'It shipped yesterday.' },
    tts: { firstAudioDelayMs: 100 },
    agent: { endOfTurn: { preemptiveReply } },
  });
  return t;
}

describe('session: preemptive replies', () => {
  it('plays a reply prepared on the final the moment the turn ends, sooner than one started then', async () => {
    const times: Record<string, number> = {};
    for (const on of [false, true]) {
      const t = firstAudioAtMs(on);
      await t.clock.advanceUntil(() => t.first('turn.end') !== undefined);
      const turnStart = t.first('turn.start')!;
      const audio = t.first('agent.audio')!;
      times[String(on)] = audio.atMs;
      if (on) {
        // Its events were held until the turn ended, then came in order.
        const beforeEnd = t.events.filter((e) => 'turnId' in e && e.atMs < turnStart.atMs);
        assert.deepEqual(
          beforeEnd,
          [],
          'an event of the prepared reply came before the turn ended',
        );
        assert.equal(audio.atMs, turnStart.atMs, 'the prepared audio waited past the commit');
        const metrics = t.first('metrics.turn')!.metrics;
        assert.equal(metrics.firstAudioMs, audio.atMs - 1300);
      }
      await t.session.close();
    }
    assert.ok(
      times['true']! < times['false']!,
      `prepared ${times['true']}, started ${times['false']}`,
    );
  });

  it('discards the preparation when the user goes on: no event, history, metrics or LLM answer of it remains', async () => {
    const t = scriptedSession({
      user: GOES_ON,
      llm: { firstTokenDelayMs: 100, text: 'It shipped.' },
      agent: PREEMPTIVE,
    });
    await t.clock.advanceUntil(() => t.first('turn.end') !== undefined);
    await t.clock.advance(500);
    assert.equal(t.llm.calls.length, 2, 'one preparation discarded, one committed');
    assert.equal(t.llm.calls[0]!.messages.at(-1)?.content, 'Where is my order');
    assert.deepEqual(
      t.of('turn.start').map((e) => e.userText),
      ['Where is my order from last week?'],
    );
    const turnIds = new Set(t.events.flatMap((e) => ('turnId' in e ? [e.turnId] : [])));
    assert.deepEqual([...turnIds], [t.first('turn.start')!.turnId]);
    assert.equal(t.of('metrics.turn').length, 1);
    assert.deepEqual(
      t.session.history.slice(1).map((m) => [m.role, m.content]),
      [
        ['user', 'Where is my order from last week?'],
        ['assistant', 'It shipped.'],
      ],
    );
    await t.session.close();
  });

  it('holds a tool that changes the world until the turn ends, and runs a read-only one at once', async () => {
    const readAtMs: number[] = [];
    const writeAtMs: number[] = [];
    const clock = { now: () => -1 };
    const t = scriptedSession({
      user: [{ startMs: 0, endMs: 1000, transcript: 'Where is my order?' }],
      latencies: LATENCIES,
      llm: [
        { toolCalls: [{ name: 'look_up', arguments: {} }] },
        { toolCalls: [{ name: 'refund', arguments: {} }] },
        { text: 'Done.' },
      ],
      agent: {
        ...PREEMPTIVE,
        tools: [
          tool('look_up', false, readAtMs, () => clock.now()),
          tool('refund', true, writeAtMs, () => clock.now()),
        ],
      },
    });
    clock.now = () => t.clock.now();
    await t.clock.advanceUntil(() => t.first('turn.end') !== undefined);
    const endedAtMs = t.first('turn.start')!.atMs;
    assert.equal(readAtMs.length, 1);
    assert.equal(writeAtMs.length, 1);
    assert.ok(
      readAtMs[0]! < endedAtMs,
      `read-only tool at ${readAtMs[0]}, turn ended ${endedAtMs}`,
    );
    assert.ok(writeAtMs[0]! >= endedAtMs, `refund at ${writeAtMs[0]}, turn ended ${endedAtMs}`);
    await t.session.close();
  });

  it('never runs the world-changing tool of a preparation that is discarded', async () => {
    const writeAtMs: number[] = [];
    const clock = { now: () => -1 };
    const refund = tool('refund', true, writeAtMs, () => clock.now());
    const t = scriptedSession({
      user: GOES_ON,
      // Each answer calls the refund first, then says it is done.
      llm: (call) =>
        call.messages.at(-1)?.role === 'tool'
          ? { text: 'Done.' }
          : { toolCalls: [{ name: 'refund', arguments: {} }] },
      agent: { ...PREEMPTIVE, tools: [refund] },
    });
    clock.now = () => t.clock.now();
    await t.clock.advanceUntil(() => t.first('turn.end') !== undefined);
    assert.equal(writeAtMs.length, 1, 'the refund ran once, for the committed turn');
    assert.ok(writeAtMs[0]! >= t.first('turn.start')!.atMs);
    assert.equal(t.of('tool.call').length, 1);
    await t.session.close();
  });

  it('counts a provider fallback during a preparation that is discarded on the reply that answers', async () => {
    const t = scriptedSession({
      user: GOES_ON,
      llm: { firstTokenDelayMs: 100, text: 'It shipped.' },
      agent: PREEMPTIVE,
    });
    await t.clock.advance(1100);
    assert.equal(t.llm.calls.length, 1, 'the preparation is under way');
    t.session.recordFallback?.('llm: primary -> backup');
    await t.clock.advanceUntil(() => t.first('metrics.turn') !== undefined);
    assert.equal(t.llm.calls.length, 2, 'the preparation was discarded and the turn answered');
    assert.deepEqual(t.first('metrics.turn')!.metrics.fallbacks, ['llm: primary -> backup']);
    await t.session.close();
  });

  it("reports a preparation's failure only once its turn has ended, and never a discarded one's", async () => {
    const failure = new ProviderError('the model is overloaded', {
      provider: 'fake',
      retryable: true,
    });
    const said = (transcript: string[]) =>
      scriptedSession({
        user: transcript.map((text, i) => ({
          startMs: i * 1200,
          endMs: i * 1200 + 1000,
          transcript: text,
        })),
        // The user who goes on starts again before a late VAD end: no latencies here.
        ...(transcript.length === 1 && { latencies: LATENCIES }),
        llm: (_call, index) => (index === 0 ? { error: failure } : { text: 'It shipped.' }),
        agent: PREEMPTIVE,
      });
    const committed = said(['Where is my order?']);
    await committed.clock.advanceUntil(() => committed.first('turn.end') !== undefined);
    const error = committed.first('error');
    assert.ok(error, 'the failure of the committed preparation was reported');
    assert.ok(error.atMs >= committed.first('turn.start')!.atMs);
    await committed.session.close();

    const discarded = said(['Where is my order', 'from last week?']);
    await discarded.clock.advanceUntil(() => discarded.first('turn.end') !== undefined);
    assert.equal(discarded.llm.calls.length, 2);
    assert.deepEqual(discarded.of('error'), []);
    assert.equal(discarded.session.history.at(-1)?.content, 'It shipped.');
    await discarded.session.close();
  });
});
