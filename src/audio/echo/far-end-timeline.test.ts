import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createFarEndTimeline } from './far-end-timeline.ts';

const read = (timeline: ReturnType<typeof createFarEndTimeline>, from: number, length: number) => {
  const out = new Int16Array(length);
  timeline.read(from, out);
  return [...out];
};

describe('far-end timeline', () => {
  it('queues audio sent while earlier audio is still ahead of the near end', () => {
    const timeline = createFarEndTimeline(100);
    timeline.write(Int16Array.of(1, 2, 3), 0);
    timeline.write(Int16Array.of(4, 5), 1);
    assert.deepEqual(read(timeline, 0, 6), [1, 2, 3, 4, 5, 0]);
  });

  it('starts audio sent after a gap at the current near-end position', () => {
    const timeline = createFarEndTimeline(100);
    timeline.write(Int16Array.of(1, 2), 0);
    timeline.write(Int16Array.of(7, 8), 5);
    assert.deepEqual(read(timeline, 0, 8), [1, 2, 0, 0, 0, 7, 8, 0]);
  });

  it('maps played ms of the reply to near-end positions across gaps', () => {
    const timeline = createFarEndTimeline(100);
    timeline.write(Int16Array.of(1, 2), 10);
    timeline.write(Int16Array.of(3, 4), 20);
    assert.equal(timeline.positionOfPlayed(1), 11);
    assert.equal(timeline.positionOfPlayed(3), 21);
    assert.equal(timeline.positionOfPlayed(9), undefined);
  });

  it('maps played samples up to the given number past its end (audio sent but held)', () => {
    const timeline = createFarEndTimeline(100);
    timeline.write(Int16Array.of(1, 2, 3), 10);
    assert.equal(timeline.positionOfPlayed(5), undefined);
    assert.equal(timeline.positionOfPlayed(5, 2), 15);
    assert.equal(timeline.positionOfPlayed(6, 2), undefined);
  });

  it('drops audio not yet played when truncated, and keeps what was played', () => {
    const timeline = createFarEndTimeline(100);
    timeline.write(Int16Array.of(1, 2, 3, 4), 0);
    timeline.truncate(2);
    assert.deepEqual(read(timeline, 0, 4), [1, 2, 0, 0]);
    assert.equal(timeline.positionOfPlayed(0), undefined);
  });

  it('reads silence for positions older than its capacity', () => {
    const timeline = createFarEndTimeline(4);
    timeline.write(Int16Array.of(1, 2, 3, 4, 5, 6), 0);
    assert.deepEqual(read(timeline, 0, 6), [0, 0, 3, 4, 5, 6]);
  });

  it('starts counting a new reply after the far end was dry long enough', () => {
    const timeline = createFarEndTimeline(100, 5);
    timeline.write(Int16Array.of(1, 2), 0);
    timeline.write(Int16Array.of(3), 4);
    assert.equal(timeline.replySamples, 3);
    timeline.write(Int16Array.of(4, 5), 20);
    assert.equal(timeline.replySamples, 2);
    assert.equal(timeline.positionOfPlayed(1), 21);
  });
});
