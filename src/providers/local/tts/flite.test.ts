import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createFliteTts, fliteCommand } from './flite.ts';
import { audioMs, chunks, collect, describeTtsEngine } from './tts-suite.ts';

describeTtsEngine('flite', () => createFliteTts(), 'flite');

describe('createFliteTts', () => {
  it('speaks with each of its voices', async () => {
    for (const voice of ['slt', 'awb', 'rms']) {
      const parts = await collect(createFliteTts(), { text: chunks(['Good morning.']), voice });
      assert.ok(audioMs(parts) > 300, voice);
    }
  });

  it('stretches durations by the inverse of the speaking rate', () => {
    const signal = new AbortController().signal;
    const command = fliteCommand(
      'hi',
      { text: chunks([]), sampleRate: 16_000, signal, speakingRate: 0.8 },
      'kal16',
    );
    assert.ok(command.args.includes('duration_stretch=1.250'));
  });
});
