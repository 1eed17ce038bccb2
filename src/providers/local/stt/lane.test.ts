import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Lane } from './lane.ts';

describe('Lane', () => {
  it('runs tasks one at a time, in the order they were queued', async () => {
    const lane = new Lane();
    const events: string[] = [];
    let running = 0;
    const task = (name: string, turns: number) => async () => {
      running += 1;
      assert.equal(running, 1, `${name} overlapped another task`);
      events.push(`${name} start`);
      for (let turn = 0; turn < turns; turn++) await Promise.resolve();
      events.push(`${name} end`);
      running -= 1;
      return name;
    };
    const results = await Promise.all([
      lane.run(task('a', 3)),
      lane.run(task('b', 0)),
      lane.run(task('c', 1)),
    ]);
    assert.deepEqual(results, ['a', 'b', 'c']);
    assert.deepEqual(events, ['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
  });

  it('keeps running after a task fails, and gives the failure to its caller', async () => {
    const lane = new Lane();
    const failed = lane.run(() => {
      throw new Error('boom');
    });
    const next = lane.run(() => 'next');
    await assert.rejects(failed, /boom/);
    assert.equal(await next, 'next');
  });

  it('counts the tasks queued or running', async () => {
    const lane = new Lane();
    let release: () => void = () => undefined;
    const held = lane.run(() => new Promise<void>((resolve) => (release = resolve)));
    const after = lane.run(() => undefined);
    assert.equal(lane.length, 2);
    await Promise.resolve();
    release();
    await Promise.all([held, after]);
    assert.equal(lane.length, 0);
  });
});
