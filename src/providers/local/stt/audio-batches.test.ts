import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AudioBatches } from './audio-batches.ts';

const chunk = (value: number, length = 4) => new Int16Array(length).fill(value);

describe('AudioBatches', () => {
  it('hands pending audio over as one batch, joined in order', () => {
    const batches = new AudioBatches();
    batches.add(chunk(1));
    batches.add(chunk(2));
    const batch = batches.takePending();
    assert.ok(batch);
    assert.deepEqual([...batch.start()], [1, 1, 1, 1, 2, 2, 2, 2]);
    assert.equal(batches.takePending(), undefined);
  });

  it('lets later audio join a queued batch until it starts, and not after', () => {
    const batches = new AudioBatches();
    batches.add(chunk(1));
    const batch = batches.takePending();
    batches.add(chunk(2)); // the call has not started: one larger call
    assert.equal(batch?.samples, 8);
    batch?.start();
    batches.add(chunk(3)); // started: the next batch
    assert.equal(batch?.samples, 8);
    assert.equal(batches.pendingSamples, 4);
  });

  it('keeps audio queued after another call out of the batch before it', () => {
    const batches = new AudioBatches();
    batches.add(chunk(1));
    const batch = batches.takePending();
    batches.seal(); // e.g. ps_end_utt queued after the batch
    batches.add(chunk(2));
    assert.equal(batch?.samples, 4);
    assert.equal(batches.pendingSamples, 4);
  });

  it('counts the backlog and wakes a waiter once it falls far enough', () => {
    const batches = new AudioBatches();
    batches.add(chunk(1, 100));
    const first = batches.takePending();
    batches.seal();
    batches.add(chunk(2, 100));
    const second = batches.takePending();
    assert.equal(batches.backlogSamples, 200);
    const woken: string[] = [];
    batches.wake(100, () => woken.push('≤100'));
    batches.wake(0, () => woken.push('0'));
    assert.ok(first && second);
    batches.done(first);
    assert.deepEqual(woken, ['≤100']);
    batches.done(second);
    assert.deepEqual(woken, ['≤100', '0']);
  });

  it('releases every waiter and drops pending audio when cleared', () => {
    const batches = new AudioBatches();
    batches.add(chunk(1, 100));
    let woken = false;
    batches.wake(0, () => (woken = true));
    batches.clear();
    assert.equal(woken, true);
    assert.equal(batches.pendingSamples, 0);
  });
});
