import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RecordWrite } from './model.ts';
import { WriteQueue } from './write-queue.ts';

const end = (id: string): RecordWrite => ({
  kind: 'conversation-end',
  end: { id, endedAtMs: 1, endReason: 'closed' },
});

describe('WriteQueue', () => {
  it('gathers writes pushed together into one batch', async () => {
    const batches: number[] = [];
    const queue = new WriteQueue({ write: (b) => (batches.push(b.length), Promise.resolve()) });
    for (let i = 0; i < 5; i++) queue.push(end(`c${i}`));
    await queue.close();
    assert.deepEqual(batches, [5]);
  });

  it('keeps a failed batch and writes it when the store is back, in order', async () => {
    const written: string[] = [];
    const problems: string[] = [];
    let failures = 2;
    const queue = new WriteQueue({
      retryDelayMs: 1,
      write: (batch) => {
        if (failures-- > 0) return Promise.reject(new Error('connection refused'));
        written.push(...batch.map((w) => (w.kind === 'conversation-end' ? w.end.id : '?')));
        return Promise.resolve();
      },
      onProblem: (message) => problems.push(message),
    });
    queue.push(end('a'));
    queue.push(end('b'));
    await queue.close();
    assert.deepEqual(written, ['a', 'b']);
    assert.equal(problems.length, 2);
  });

  it('drops the oldest writes past its bound and counts them', async () => {
    let release: () => void = () => undefined;
    const queue = new WriteQueue({
      maxPending: 3,
      batchDelayMs: 0,
      write: () => new Promise<void>((resolve) => (release = resolve)),
      onProblem: () => undefined,
    });
    queue.push(end('a'));
    await new Promise((resolve) => setTimeout(resolve, 5));
    for (const id of ['b', 'c', 'd', 'e']) queue.push(end(id));
    assert.equal(queue.droppedCount, 2);
    assert.equal(queue.pendingCount, 3);
    release();
    const closing = queue.close();
    await new Promise((resolve) => setTimeout(resolve, 5));
    release();
    await closing;
  });
});
