import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createEnergyVad } from './energy.ts';
import { energyProbability } from './energy-score.ts';
import { addGaussian, layOut, synthesize } from './speech-fixture.ts';
import { detect, segments, worstErrors } from './vad-suite.ts';

const SENTENCES = ['Please book me a table for two tonight', 'Turn the lights off in the kitchen'];

describe('energyProbability', () => {
  it('rates a loud frame after quiet ones as speech and the quiet ones as not', () => {
    const state = { floorDb: undefined };
    const quiet = new Float32Array(320).fill(0.001);
    const loud = new Float32Array(320).fill(0.2);
    const quietProbabilities = [1, 2, 3].map(() => energyProbability(state, quiet));
    assert.ok(quietProbabilities.every((probability) => probability < 0.1));
    assert.ok(energyProbability(state, loud) > 0.9);
  });
});

describe('createEnergyVad on real speech', () => {
  it('finds each clean espeak-ng utterance once, start and end within 60 ms', async () => {
    const layout = layOut(
      await Promise.all(SENTENCES.map((text) => synthesize(text, 'espeak-ng'))),
      1000,
    );
    const found = segments(await detect(createEnergyVad(), layout.samples));
    assert.equal(found.length, SENTENCES.length);
    const worst = worstErrors(found, layout);
    assert.ok(worst.startMs <= 60 && worst.endMs <= 60, JSON.stringify(worst));
  });

  it('finds each utterance over steady white noise of sigma 150 (about 20 dB below the speech)', async () => {
    const layout = layOut(
      await Promise.all(SENTENCES.map((text) => synthesize(text, 'flite'))),
      1000,
    );
    const found = segments(await detect(createEnergyVad(), addGaussian(layout.samples, 150, 3)));
    assert.equal(found.length, SENTENCES.length);
  });

  it('reports nothing for three seconds of white noise', async () => {
    assert.deepEqual(
      await detect(createEnergyVad(), addGaussian(new Int16Array(48_000), 1000, 5)),
      [],
    );
  });
});
