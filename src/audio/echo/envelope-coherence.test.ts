import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createEnvelopeCoherence, windowCorrelation } from './envelope-coherence.ts';

const BANDS = 4;
/**
 * A speech-like voice: each band's envelope rises and falls on its own, with pauses; another
 * seed, syllable length and pause phase make another voice.
 */
function farFrames(count: number, seed = 1, syllable = 3, pauseAt = 0): Float64Array[] {
  let state = seed;
  const random = () => (state = (state * 16_807) % 2_147_483_647) / 2_147_483_647;
  return Array.from({ length: count }, (_, t) =>
    Float64Array.from({ length: BANDS }, (_, b) =>
      (t + pauseAt) % 25 < 5
        ? 0.001
        : 0.05 + 0.1 * random() * (1 + Math.sin((t + 7 * b) / syllable)),
    ),
  );
}
const options = {
  bands: BANDS,
  windowFrames: 20,
  maxLagFrames: 30,
  minFarSpread: 0.001,
  minActiveShare: 0.6,
  farActivePower: 1e-6,
};

describe('the envelope coherence', () => {
  it('reads echo at its lag as nearly 1, whatever the room’s gain, and a tilt of a few dB costs little', () => {
    const far = farFrames(120);
    const coherence = createEnvelopeCoherence(options);
    // Band power gains 0.5 +- 3 dB: envelopes (cube roots) 0.79 times, +- 1 dB.
    const gains = [0.5, 0.35, 0.7, 1].map(Math.cbrt);
    for (let t = 0; t < far.length; t++) {
      const echo = far[t - 12] ?? new Float64Array(BANDS);
      coherence.push(
        echo.map((v, b) => v * gains[b]!),
        far[t]!,
        true,
      );
    }
    const reading = coherence.read(0, 30)!;
    assert.equal(reading.lagFrames, 12);
    assert.ok(reading.correlation > 0.95, `${reading.correlation}`);
    assert.ok(coherence.read(11, 11)!.correlation < reading.correlation);
  });

  it('reads a voice the far end did not say as low at every lag', () => {
    const far = farFrames(120, 1);
    const person = farFrames(120, 99, 5, 12);
    const coherence = createEnvelopeCoherence(options);
    for (let t = 0; t < far.length; t++) coherence.push(person[t]!, far[t]!, true);
    const reading = coherence.read(0, 30)!;
    assert.ok(reading.correlation < 0.6, `${reading.correlation} at ${reading.lagFrames}`);
  });

  it('says nothing while its microphone window holds too little sound', () => {
    const far = farFrames(40);
    const coherence = createEnvelopeCoherence(options);
    for (let t = 0; t < far.length; t++) coherence.push(far[t]!, far[t]!, t >= 32);
    assert.equal(coherence.read(0, 0), undefined);
  });

  it('skips a lag whose far end was mostly silent, and says nothing when every lag was', () => {
    const coherence = createEnvelopeCoherence(options);
    const silent = new Float64Array(BANDS).fill(0.0001);
    const far = farFrames(40);
    for (let t = 0; t < 40; t++) coherence.push(far[t]!, t < 30 ? silent : far[t]!, true);
    assert.equal(coherence.read(15, 20), undefined);
    assert.equal(coherence.read(0, 0), undefined);
  });

  it('after the far end moves, reads no lag whose window reaches back past the move', () => {
    const far = farFrames(100);
    const coherence = createEnvelopeCoherence(options);
    for (let t = 0; t < 60; t++) coherence.push(far[t - 5] ?? far[0]!, far[t]!, true);
    coherence.moved();
    for (let t = 60; t < 80; t++) coherence.push(far[t - 5]!, far[t]!, true);
    assert.ok(coherence.read(0, 0) !== undefined, 'a lag of 0 has a window since the move');
    assert.equal(coherence.read(5, 5), undefined);
    for (let t = 80; t < 85; t++) coherence.push(far[t - 5]!, far[t]!, true);
    assert.ok(coherence.read(5, 5)!.correlation > 0.99);
  });

  it('refuses frames with another number of bands', () => {
    const coherence = createEnvelopeCoherence(options);
    assert.throws(
      () => coherence.push(new Float64Array(3), new Float64Array(BANDS), true),
      RangeError,
    );
  });
});

describe('the correlation of two windows', () => {
  it('removes each band’s mean, so a constant offset per band does not matter', () => {
    const far = farFrames(20);
    const near = far.map((frame) => frame.map((v, b) => v + b));
    assert.ok(windowCorrelation(near, far)! > 0.999);
  });

  it('is undefined when the far end varies less than asked', () => {
    const far = Array.from({ length: 20 }, (_, t) => new Float64Array(BANDS).fill(0.1 + t * 1e-6));
    assert.equal(windowCorrelation(farFrames(20), far, 1e-6), undefined);
    assert.ok(windowCorrelation(farFrames(20), far)! !== undefined);
  });
});
