import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ClosedError } from '../spec/errors.ts';
import { Channel } from './channel.ts';

async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of source) out.push(item);
  return out;
}

describe('Channel', () => {
  it('delivers pushed values in order and ends after close', async () => {
    const channel = new Channel<number>(4);
    channel.tryPush(1);
    channel.tryPush(2);
    channel.close();
    assert.deepEqual(await collect(channel), [1, 2]);
  });

  it('refuses values beyond its capacity with tryPush', () => {
    const channel = new Channel<number>(2);
    assert.equal(channel.tryPush(1), true);
    assert.equal(channel.tryPush(2), true);
    assert.equal(channel.tryPush(3), false);
    assert.equal(channel.size, 2);
  });

  it('makes push wait while full and resume when the consumer reads', async () => {
    const channel = new Channel<number>(1);
    await channel.push(1);
    let secondPushed = false;
    const second = channel.push(2).then(() => (secondPushed = true));
    await Promise.resolve();
    assert.equal(secondPushed, false);
    const iterator = channel[Symbol.asyncIterator]();
    assert.deepEqual(await iterator.next(), { done: false, value: 1 });
    await second;
    assert.equal(secondPushed, true);
  });

  it('rejects a push after close with ClosedError', async () => {
    const channel = new Channel<number>(1);
    channel.close();
    await assert.rejects(channel.push(1), ClosedError);
  });

  it('throws the failure to the consumer after draining queued values', async () => {
    const channel = new Channel<number>(4);
    channel.tryPush(7);
    channel.fail(new Error('boom'));
    const seen: number[] = [];
    await assert.rejects(async () => {
      for await (const value of channel) seen.push(value);
    }, /boom/);
    assert.deepEqual(seen, [7]);
  });
});
