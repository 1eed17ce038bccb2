import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  chunkShare,
  initialEchoShareState,
  stepEchoShare,
  type EchoFrameLevels,
  type EchoShareState,
} from './echo-share.ts';

const power = (db: number) => 10 ** (db / 10);
const levels = (nearDb: number, cleanedDb: number, farDb: number): EchoFrameLevels => ({
  nearPower: power(nearDb),
  cleanedPower: power(cleanedDb),
  farPower: power(farDb),
});

/** Runs frames through the reducer; returns the last state and every share. */
function run(frames: readonly EchoFrameLevels[], from: EchoShareState = initialEchoShareState()) {
  let state = from;
  const shares: number[] = [];
  const doubleTalk: boolean[] = [];
  for (const frame of frames) {
    const step = stepEchoShare(state, frame);
    state = step.state;
    shares.push(step.share);
    doubleTalk.push(step.doubleTalk);
  }
  return { state, shares, doubleTalk };
}

const repeat = <T>(count: number, value: T): T[] => Array.from({ length: count }, () => value);
// The agent at -20 dBFS, its echo 9 dB down, the canceller leaving 20 dB less, noise at -70.
const echoOnly = levels(-29, -49, -20);
const quiet = levels(-70, -70, -100);

describe('echo share', () => {
  it('is 0 when the agent is not playing', () => {
    const { shares } = run(repeat(20, levels(-25, -25, -100)));
    assert.ok(shares.every((share) => share === 0));
  });

  it('is high on frames that hold only the agent echo', () => {
    const { shares, doubleTalk } = run([...repeat(20, quiet), ...repeat(100, echoOnly)]);
    assert.ok(
      shares.slice(-50).every((share) => share > 0.9),
      shares.slice(-50).join(' '),
    );
    assert.ok(doubleTalk.every((flag) => !flag));
  });

  it('is low when a person talks over the echo (double talk)', () => {
    const learnt = run([...repeat(20, quiet), ...repeat(100, echoOnly)]).state;
    const { shares, doubleTalk } = run(repeat(30, levels(-18, -22, -20)), learnt);
    assert.ok(
      shares.slice(2).every((share) => share < 0.1),
      shares.join(' '),
    );
    assert.ok(doubleTalk.slice(2).every(Boolean));
  });

  it('does not learn a person talking over the echo as a louder echo path', () => {
    const learnt = run([...repeat(20, quiet), ...repeat(100, echoOnly)]).state;
    const during = run(repeat(200, levels(-18, -22, -20)), learnt).state;
    assert.ok(during.pathGainDb < learnt.pathGainDb + 6, `${during.pathGainDb}`);
    const { shares } = run(repeat(20, echoOnly), during);
    assert.ok(shares.slice(-10).every((share) => share > 0.9));
  });

  it('treats noise heard before the echo arrives as nothing, not as a quiet echo path', () => {
    const { state } = run([
      ...repeat(50, levels(-60, -60, -100)),
      ...repeat(20, levels(-60, -60, -20)),
    ]);
    const { shares } = run(repeat(10, levels(-29, -29, -20)), state);
    assert.ok(
      shares.slice(-5).every((share) => share > 0.9),
      shares.join(' '),
    );
  });

  it('weights frame shares by the residual energy of each frame in a chunk', () => {
    assert.equal(chunkShare([1, 0], [1, 3]), 0.25);
    assert.equal(chunkShare([1, 0], [0, 0]), 0.5);
    assert.equal(chunkShare([], []), 0);
  });
});
