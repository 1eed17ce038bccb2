import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { RecordWrite, TurnRecord } from './model.ts';
import type { RecordStore } from './store.ts';

/** One suite, run by every store (SQLite, PostgreSQL): they must read back the same. */
export function storeCases(engine: string, open: () => Promise<RecordStore>): void {
  let store: RecordStore;
  before(async () => {
    store = await open();
  });
  after(async () => {
    await store.close();
  });

  const start = (id: string, agentId: string, startedAtMs: number): RecordWrite => ({
    kind: 'conversation-start',
    conversation: { id, agentId, workerId: 'w1', startedAtMs },
  });
  const turn = (
    id: string,
    turnId: number,
    firstAudioMs: number,
    extra: Partial<TurnRecord> = {},
  ): RecordWrite => ({
    kind: 'turn',
    turn: {
      conversationId: id,
      turnId,
      startedAtMs: 1_000 + turnId,
      endedAtMs: 2_000 + turnId,
      userText: `question ${turnId}`,
      agentText: `answer ${turnId}`,
      heardText: `answer ${turnId}`,
      interrupted: false,
      completed: true,
      metrics: { turnId, firstAudioMs, interrupted: false },
      toolCalls: [],
      ...extra,
    },
  });

  test(`${engine}: a turn is read back with what was said, heard, the tool call and the metrics`, async () => {
    await store.write([
      start('c-detail', 'cafe', 1_000),
      turn('c-detail', 1, 640, {
        agentText: 'Your order ships on Monday and arrives Tuesday.',
        heardText: 'Your order ships',
        interrupted: true,
        toolCalls: [
          {
            toolCallId: 't1',
            name: 'order_status',
            arguments: { orderId: 'A-17' },
            ok: true,
            result: { status: 'packed', items: [1, 2] },
          },
          { toolCallId: 't2', name: 'slow_tool', arguments: { q: 'x' } },
        ],
      }),
      {
        kind: 'error',
        error: {
          conversationId: 'c-detail',
          seq: 0,
          turnId: 1,
          atMs: 1_500,
          code: 'timeout',
          message: 'tts timed out',
          fatal: false,
        },
      },
      { kind: 'conversation-end', end: { id: 'c-detail', endedAtMs: 9_000, endReason: 'closed' } },
    ]);
    const detail = await store.getConversation('c-detail');
    assert.ok(detail);
    assert.equal(detail.durationMs, 8_000);
    assert.equal(detail.workerId, 'w1');
    assert.equal(detail.endReason, 'closed');
    assert.equal(detail.turnCount, 1);
    assert.equal(detail.errorCount, 1);
    const [only] = detail.turns;
    assert.ok(only);
    assert.equal(only.heardText, 'Your order ships');
    assert.equal(only.interrupted, true);
    assert.equal(only.completed, true);
    assert.deepEqual(only.metrics, { turnId: 1, firstAudioMs: 640, interrupted: false });
    assert.deepEqual(only.toolCalls, [
      {
        toolCallId: 't1',
        name: 'order_status',
        arguments: { orderId: 'A-17' },
        ok: true,
        result: { status: 'packed', items: [1, 2] },
      },
      { toolCallId: 't2', name: 'slow_tool', arguments: { q: 'x' } },
    ]);
    assert.deepEqual(detail.errors, [
      {
        conversationId: 'c-detail',
        seq: 0,
        turnId: 1,
        atMs: 1_500,
        code: 'timeout',
        message: 'tts timed out',
        fatal: false,
      },
    ]);
  });

  test(`${engine}: the call log lists newest first with turn count, median latency and agent filter`, async () => {
    await store.write([
      start('c-old', 'support', 10_000),
      turn('c-old', 1, 300),
      turn('c-old', 2, 500),
      turn('c-old', 3, 900),
      start('c-new', 'support', 20_000),
      turn('c-new', 1, 400),
      turn('c-new', 2, 600),
      start('c-other', 'cafe', 30_000),
    ]);
    const support = await store.listConversations({ agentId: 'support' });
    assert.deepEqual(
      support.map((c) => [c.id, c.turnCount, c.medianFirstAudioMs]),
      [
        ['c-new', 2, 500],
        ['c-old', 3, 500],
      ],
    );
    assert.equal(support[0]?.durationMs, undefined, 'an open conversation has no duration yet');
    const page = await store.listConversations({ limit: 1, startedBeforeMs: 30_000 });
    assert.deepEqual(
      page.map((c) => c.id),
      ['c-new'],
    );
  });

  test(`${engine}: writing a batch twice stores it once`, async () => {
    const batch = [
      start('c-twice', 'cafe', 40_000),
      turn('c-twice', 1, 200),
      turn('c-twice', 1, 250),
    ];
    await store.write(batch);
    await store.write(batch);
    const detail = await store.getConversation('c-twice');
    assert.equal(detail?.turns.length, 1);
    assert.equal(detail?.turns[0]?.metrics?.firstAudioMs, 250);
  });

  test(`${engine}: a batch that fails writes nothing of itself`, async () => {
    const orphan = turn('c-missing', 1, 100);
    await assert.rejects(store.write([start('c-half', 'cafe', 50_000), orphan]), {
      name: 'RecordStoreError',
    });
    assert.equal(await store.getConversation('c-half'), undefined);
  });

  test(`${engine}: an unknown conversation reads as undefined`, async () => {
    assert.equal(await store.getConversation('nope'), undefined);
  });
}
