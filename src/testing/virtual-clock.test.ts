import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AbortedError } from '../spec/errors.ts';
import { VirtualClock } from './virtual-clock.ts';

describe('VirtualClock', () => {
  it('fires timers in due order as time advances', async () => {
    const clock = new VirtualClock();
    const fired: string[] = [];
    clock.setTimer(30, () => fired.push('b'));
    clock.setTimer(10, () => fired.push('a'));
    await clock.advance(20);
    assert.deepEqual(fired, ['a']);
    assert.equal(clock.now(), 20);
    await clock.advance(20);
    assert.deepEqual(fired, ['a', 'b']);
  });

  it('runs the continuation of a sleep before the next timer fires', async () => {
    const clock = new VirtualClock();
    const order: string[] = [];
    void clock.sleep(10).then(() => order.push(`slept@${clock.now()}`));
    clock.setTimer(11, () => order.push(`timer@${clock.now()}`));
    await clock.advance(50);
    assert.deepEqual(order, ['slept@10', 'timer@11']);
  });

  it('rejects a sleep on abort and leaves no timer behind', async () => {
    const clock = new VirtualClock();
    const controller = new AbortController();
    const sleeping = clock.sleep(100, controller.signal);
    controller.abort();
    await assert.rejects(sleeping, AbortedError);
    assert.equal(clock.pendingTimers, 0);
  });

  it('cancels a timer through the function setTimer returns', async () => {
    const clock = new VirtualClock();
    let fired = false;
    const cancel = clock.setTimer(5, () => (fired = true));
    cancel();
    await clock.advance(10);
    assert.equal(fired, false);
  });
});
