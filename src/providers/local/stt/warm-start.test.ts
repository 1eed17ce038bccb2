import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WarmStart } from './warm-start.ts';

const OPTIONS = { quietMs: 60, replays: 4, maxSpreadDb: 6 };
const frame = (value: number) => new Int16Array(320).fill(value);

describe('warm start of the noise estimate', () => {
  it('asks to replay a stretch of steady frames once it is complete', () => {
    const warm = new WarmStart(OPTIONS, 20);
    assert.equal(warm.add(frame(1), -50).kind, 'collecting');
    assert.equal(warm.add(frame(2), -47).kind, 'collecting');
    const decision = warm.add(frame(3), -52);
    assert.equal(decision.kind, 'replay');
    assert.deepEqual(decision.kind === 'replay' && decision.frames.map((f) => f[0]), [1, 2, 3]);
    assert.ok(warm.done);
  });

  it('keeps copies, so the caller may reuse its frame buffer', () => {
    const warm = new WarmStart({ ...OPTIONS, quietMs: 40 }, 20);
    const buffer = frame(7);
    warm.add(buffer, -50);
    buffer.fill(8);
    const decision = warm.add(buffer, -50);
    assert.deepEqual(decision.kind === 'replay' && decision.frames.map((f) => f[0]), [7, 8]);
  });

  it('declines a stretch whose levels spread wider than speech-free noise', () => {
    const warm = new WarmStart(OPTIONS, 20);
    warm.add(frame(1), -50);
    warm.add(frame(1), -49);
    assert.deepEqual(warm.add(frame(1), -30), { kind: 'declined', spreadDb: 20 });
    assert.ok(warm.done);
    assert.equal(warm.add(frame(1), -50).kind, 'collecting');
  });

  it('is done from the start when there is no stretch or no replay', () => {
    assert.ok(new WarmStart({ ...OPTIONS, quietMs: 0 }, 20).done);
    assert.ok(new WarmStart({ ...OPTIONS, replays: 0 }, 20).done);
  });
});
