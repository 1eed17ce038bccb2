import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stepEchoShare } from './echo-share.ts';
import { createShareRelearner } from './share-replay.ts';

const power = (db: number) => 10 ** (db / 10);
/** The agent's level per 10 ms frame: syllables of 120 ms at -20 dBFS, 60 ms gaps at -45. */
const farDb = (frame: number) => (frame % 18 < 12 ? -20 : -45);
/** The echo, 15 frames after the far end, 9 dB down; what the canceller leaves of it, 20 dB. */
const LAG = 15;
const echoDb = (frame: number) => farDb(frame - LAG) - 9;
const levels = (nearDb: number, leftDb: number) => ({
  nearPower: power(nearDb),
  cleanedPower: power(leftDb),
  linearPower: power(leftDb),
});

/** Keeps `frames` frames of echo alone, then relearns. */
function relearnt(frames: number) {
  const relearner = createShareRelearner(frames);
  for (let k = 0; k < frames; k++) {
    const kept = relearner.keep(levels(echoDb(k), echoDb(k) - 20), false, () => 0, 10);
    assert.equal(kept, undefined, 'nothing relearnt before the delay is known');
  }
  // The far end where the echo of each kept frame left the speaker: LAG frames before it.
  const state = relearner.keep(
    levels(-100, -100),
    true,
    (ago) => power(farDb(frames - 1 - ago - LAG)),
    10,
  );
  assert.ok(state !== undefined);
  assert.equal(
    relearner.keep(levels(-100, -100), true, () => 0, 10),
    undefined,
    'once',
  );
  return state;
}

describe('the echo share relearnt at the first delay estimate', () => {
  it('learns what the canceller leaves of the echo on the frames kept before the estimate', () => {
    const state = relearnt(200);
    assert.ok(state.residualGainDb !== undefined);
    // Left 29 dB under the far end; the far end is held at its peak, so no higher than that.
    assert.ok(Math.abs(state.residualGainDb - -29) < 4, `${state.residualGainDb}`);
  });

  it('reads the next echo frame as echo and a person 10 dB over the echo as a person', () => {
    const state = relearnt(200);
    const far = { farPower: power(-20), farHoldFrames: 10, delayKnown: true };
    const echo = stepEchoShare(state, { ...levels(-29, -49), ...far });
    assert.ok(echo.share > 0.9, `echo ${echo.share}`);
    const person = stepEchoShare(state, { ...levels(-19, -19.5), ...far });
    assert.ok(person.share < 0.1, `person ${person.share}`);
  });
});
