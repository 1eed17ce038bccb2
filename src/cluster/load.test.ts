import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Candidate, pickWorker } from './load.ts';

const worker = (workerId: string, extra: Partial<Candidate> = {}): Candidate => ({
  workerId,
  url: `ws://${workerId}/ws`,
  sessions: 0,
  pending: 0,
  maxSessions: 100,
  cpu: 0.1,
  lagMs: 1,
  draining: false,
  beatAtMs: 10_000,
  ...extra,
});

describe('pickWorker', () => {
  it('picks the worker with the fewest sessions plus pending dispatches', () => {
    const picked = pickWorker(
      [
        worker('a', { sessions: 3 }),
        worker('b', { sessions: 1, pending: 1 }),
        worker('c', { sessions: 2, pending: 2 }),
      ],
      10_000,
    );
    assert.equal(picked?.workerId, 'b');
  });

  it('breaks ties by event-loop lag, then CPU, then id', () => {
    assert.equal(
      pickWorker([worker('a', { lagMs: 9 }), worker('b', { lagMs: 2 })], 10_000)?.workerId,
      'b',
    );
    assert.equal(
      pickWorker([worker('b', { cpu: 0.5 }), worker('a', { cpu: 0.9 })], 10_000)?.workerId,
      'b',
    );
    assert.equal(pickWorker([worker('b'), worker('a')], 10_000)?.workerId, 'a');
  });

  it('skips draining, full, lagging and silent workers', () => {
    const workers = [
      worker('draining', { draining: true }),
      worker('full', { sessions: 99, pending: 1 }),
      worker('lagging', { lagMs: 400 }),
      worker('silent', { beatAtMs: 7_000 }),
      worker('busy-but-fine', { sessions: 50 }),
    ];
    assert.equal(pickWorker(workers, 10_000)?.workerId, 'busy-but-fine');
    assert.equal(pickWorker(workers.slice(0, 4), 10_000), undefined);
  });
});
