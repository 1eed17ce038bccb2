import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { InferenceSession } from 'onnxruntime-node';
import { SILERO_INPUT_SAMPLES, SILERO_STATE_SIZE, SileroBatcher } from './silero-batcher.ts';
import { loadSileroBatcher, defaultSileroModelPath } from './silero-model.ts';

function frame(seed: number): Float32Array {
  return Float32Array.from(
    { length: SILERO_INPUT_SAMPLES },
    (_, i) => 0.3 * Math.sin(i / (3 + seed)),
  );
}

describe('SileroBatcher', () => {
  it('runs requests made in the same turn as one batch', async () => {
    const batchSizes: number[] = [];
    const session: Pick<InferenceSession, 'run'> = {
      run: (feeds: InferenceSession.FeedsType) => {
        const size = feeds['input']?.dims[0] ?? 0;
        batchSizes.push(size);
        const output = Float32Array.from({ length: size }, (_, row) => row / 4);
        const stateN = new Float32Array(size * SILERO_STATE_SIZE);
        return Promise.resolve({ output: { data: output }, stateN: { data: stateN } } as never);
      },
    };
    const batcher = new SileroBatcher(session);
    const results = await Promise.all(
      [0, 1, 2].map((seed) => batcher.score(frame(seed), new Float32Array(SILERO_STATE_SIZE))),
    );
    assert.deepEqual(batchSizes, [3]);
    assert.deepEqual(results, [0, 0.25, 0.5]);
  });

  it('gives the same probabilities and states batched as one stream alone', async () => {
    const batcher = await loadSileroBatcher(defaultSileroModelPath());
    const aloneState = new Float32Array(SILERO_STATE_SIZE);
    const alone: number[] = [];
    for (let step = 0; step < 3; step++) alone.push(await batcher.score(frame(step), aloneState));
    const states = [0, 1, 2, 3].map(() => new Float32Array(SILERO_STATE_SIZE));
    const batched: number[] = [];
    for (let step = 0; step < 3; step++) {
      const row = await Promise.all(
        states.map((state, index) => batcher.score(frame(index === 2 ? step : 9), state)),
      );
      batched.push(row[2] ?? -1);
    }
    batched.forEach((probability, step) =>
      assert.ok(Math.abs(probability - (alone[step] ?? 0)) < 1e-4),
    );
    assert.ok(
      states[2]?.every((value, index) => Math.abs(value - (aloneState[index] ?? 0)) < 1e-4),
    );
  });

  it('rejects every request of a batch whose run fails', async () => {
    const batcher = new SileroBatcher({ run: () => Promise.reject(new Error('boom')) });
    const state = new Float32Array(SILERO_STATE_SIZE);
    await assert.rejects(
      Promise.all([batcher.score(frame(0), state), batcher.score(frame(1), state)]),
      /boom/,
    );
  });
});
