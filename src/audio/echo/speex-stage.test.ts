import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ClosedError } from '../../spec/errors.ts';
import { createSpeexStage, type SpeexStageOptions } from './speex-stage.ts';

const RATE = 16_000;
const FRAME = 160;
const OPTIONS: SpeexStageOptions = {
  sampleRate: RATE,
  frameSize: FRAME,
  filterMs: 100,
  residualSuppressDb: -40,
  residualSuppressActiveDb: -15,
};

/** Deterministic noise (a linear congruential generator), amplitude about ±`peak`. */
function noise(length: number, peak: number, seed = 1): Int16Array {
  let state = seed;
  return Int16Array.from({ length }, () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return Math.round((state / 2 ** 31 - 0.5) * 2 * peak);
  });
}

const levelDb = (frames: readonly Int16Array[]) => {
  let sum = 0;
  for (const frame of frames) for (const sample of frame) sum += sample * sample;
  return 10 * Math.log10(sum / (frames.length * FRAME) + 1e-9);
};

/** Where a person (uncorrelated noise as loud as the echo) talks: 0.2 to 1.5 s, in samples. */
const PERSON_FROM = 0.2 * RATE;
const PERSON_TO = 1.5 * RATE;

/**
 * Far-end noise heard back 5 ms later at half its level over faint room noise, a person talking
 * over it before the filter has learnt the path: per 10 ms frame, the filter's output
 * (`linear`) and the stage's output.
 */
function run(options: SpeexStageOptions, seconds: number) {
  const stage = createSpeexStage(options);
  const far = noise(seconds * RATE, 8_000, 7);
  const room = noise(seconds * RATE, 30, 11);
  const person = noise(seconds * RATE, 4_000, 5);
  const delay = (5 * RATE) / 1000;
  const linear: Int16Array[] = [];
  const out: Int16Array[] = [];
  try {
    for (let at = 0; at + FRAME <= far.length; at += FRAME) {
      const talking = at >= PERSON_FROM && at < PERSON_TO;
      const near = Int16Array.from(
        { length: FRAME },
        (_, i) =>
          Math.round((far[at + i - delay] ?? 0) / 2) +
          room[at + i]! +
          (talking ? person[at + i]! : 0),
      );
      const cleaned = new Int16Array(FRAME);
      const beforeSuppressor = new Int16Array(FRAME);
      stage.process(near, far.subarray(at, at + FRAME), cleaned, beforeSuppressor);
      out.push(cleaned);
      linear.push(beforeSuppressor);
    }
  } finally {
    stage.close();
  }
  return { linear, out };
}

/** dB the suppressor took off the filter's output over frames [from, to). */
const cutDb = (frames: ReturnType<typeof run>, from: number, to: number) =>
  levelDb(frames.linear.slice(from, to)) - levelDb(frames.out.slice(from, to));

describe('the speex stage (filter and residual echo suppressor)', () => {
  // Measured, noise for a person (little of it read as speech, so the preprocessor's depth
  // without speech, -15 dB, mostly applies): 6.8 dB cut over 0.5-1.5 s with the depth grown,
  // 8.3 at full depth from the first frame; the learnt echo's last half second cut 12.5 dB.
  it('cuts less off a person talking over an unlearnt echo than at full depth, and deep once learnt', (t) => {
    const grown = run(OPTIONS, 3);
    const fixed = run({ ...OPTIONS, depthFollowsFilter: false }, 1.5);
    const talking = { grown: cutDb(grown, 50, 150), fixed: cutDb(fixed, 50, 150) };
    assert.ok(
      talking.grown < talking.fixed - 1,
      `cut ${talking.grown.toFixed(1)} dB off 0.5-1.5 s, ${talking.fixed.toFixed(1)} at full depth`,
    );
    const learnt = cutDb(grown, 250, 300);
    t.diagnostic(
      `cut ${talking.grown.toFixed(1)} / ${talking.fixed.toFixed(1)} dB, learnt ${learnt.toFixed(1)}`,
    );
    assert.ok(learnt > 10, `cut ${learnt.toFixed(1)} dB off the learnt echo at 2.5-3 s`);
  });

  it('refuses to process after close, with a typed error', () => {
    const stage = createSpeexStage(OPTIONS);
    stage.close();
    const frame = new Int16Array(FRAME);
    assert.throws(() => stage.process(frame, frame, frame), ClosedError);
  });
});
