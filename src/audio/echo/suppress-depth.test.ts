import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DEFAULT_SUPPRESS_DEPTH,
  depthFor,
  initialSuppressDepth,
  stepSuppressDepth,
  type DepthFrame,
  type SuppressDepthState,
} from './suppress-depth.ts';

const power = (db: number) => 10 ** (db / 10);

/** A frame with the far end playing, the microphone at `nearDb` and the filter's output at `linearDb`. */
const frame = (nearDb: number, linearDb: number, farDb = -20): DepthFrame => ({
  nearPower: power(nearDb),
  farPower: power(farDb),
  linearPower: power(linearDb),
});

function run(state: SuppressDepthState, frames: readonly DepthFrame[]) {
  let step = { state, ...depthFor(state.erleDb) };
  for (const f of frames) step = stepSuppressDepth(step.state, f);
  return step;
}

describe('residual suppression depth from what the filter removes', () => {
  it('suppresses only lightly before the filter has removed anything', () => {
    assert.deepEqual(depthFor(initialSuppressDepth.erleDb), { suppressDb: -15, activeDb: -2 });
    const step = run(initialSuppressDepth, Array(200).fill(frame(-30, -31)));
    assert.deepEqual([step.suppressDb, step.activeDb], [-15, -2]);
  });

  it('reaches the full depth once the filter removes 15 dB or more, and half way at 10.5', () => {
    const learnt = run(initialSuppressDepth, Array(200).fill(frame(-30, -55)));
    assert.deepEqual([learnt.suppressDb, learnt.activeDb], [-40, -15]);
    // -27.5 and -8.5, rounded up.
    assert.deepEqual(depthFor(10.5), { suppressDb: -27, activeDb: -8 });
  });

  it('is never deeper before the filter has learnt than the full depth it is given', () => {
    const shallow = { ...DEFAULT_SUPPRESS_DEPTH, fullDb: -10, fullActiveDb: -1 };
    assert.deepEqual(depthFor(0, shallow), { suppressDb: -10, activeDb: -1 });
  });

  it('keeps most of the depth while a person talks over a learnt echo for a second', () => {
    const learnt = run(initialSuppressDepth, Array(200).fill(frame(-30, -55)));
    // The person is as loud as the microphone: the filter's output holds them whole.
    const talking = run(learnt.state, Array(100).fill(frame(-25, -25)));
    assert.ok(talking.suppressDb <= -30, `depth ${talking.suppressDb} dB after a second`);
  });

  it('reads nothing while the far end is silent or the microphone only hears noise', () => {
    const quietFar = run(initialSuppressDepth, Array(200).fill(frame(-30, -60, -70)));
    const quietNear = run(initialSuppressDepth, Array(200).fill(frame(-62, -80)));
    assert.equal(quietFar.state.erleDb, 0);
    assert.equal(quietNear.state.erleDb, 0);
  });

  it('counts a frame at most 30 dB, so one silent output does not claim a learnt filter', () => {
    const step = stepSuppressDepth(initialSuppressDepth, frame(-20, -200));
    assert.equal(step.state.erleDb, DEFAULT_SUPPRESS_DEPTH.riseRate * 30);
    assert.deepEqual([step.suppressDb, step.activeDb], [-15, -2]);
  });
});
