import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gainFor, LevelNormaliser, scaled } from './level.ts';

const options = { targetDb: -20, windowMs: 30, maxGainDb: 18 };
const frame = (value: number) => new Int16Array(160).fill(value);

describe('speech level normalisation', () => {
  it('raises quiet speech and lowers loud speech to the target, within the gain limit', () => {
    assert.ok(Math.abs(gainFor(-32, options) - 10 ** (12 / 20)) < 1e-9);
    assert.ok(Math.abs(gainFor(-8, options) - 10 ** (-12 / 20)) < 1e-9);
    assert.ok(Math.abs(gainFor(-80, options) - 10 ** (18 / 20)) < 1e-9);
  });

  it('clips instead of wrapping around when a gain overshoots', () => {
    assert.deepEqual([...scaled(Int16Array.from([30_000, -30_000, 100]), 2)], [32767, -32768, 200]);
  });

  it('holds the audio until it has heard enough speech, then sends all of it with one gain', () => {
    const sent: Int16Array[] = [];
    const level = new LevelNormaliser(options, (samples) => sent.push(samples));
    level.begin();
    level.push(frame(1), undefined); // pre-roll: not speech
    level.push(frame(100), -30);
    level.push(frame(100), -30);
    assert.equal(sent.length, 0);
    assert.ok(level.holding);
    level.push(frame(100), -30);
    assert.equal(level.holding, false);
    assert.equal(sent.length, 4);
    const gain = 10 ** (10 / 20);
    assert.deepEqual(
      sent.map((samples) => samples[0]),
      [Math.round(gain), Math.round(100 * gain), Math.round(100 * gain), Math.round(100 * gain)],
    );
    level.push(frame(10), undefined);
    assert.equal(sent.at(-1)?.[0], Math.round(10 * gain));
  });

  it('sends held audio unchanged when an utterance ends before any speech was measured', () => {
    const sent: Int16Array[] = [];
    const level = new LevelNormaliser(options, (samples) => sent.push(samples));
    level.begin();
    level.push(frame(7), undefined);
    level.release();
    assert.deepEqual(
      sent.map((samples) => samples[0]),
      [7],
    );
  });
});
