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

  it('takes word times from flite phones, so a comma shows as a gap between two words', async () => {
    const parts = await collect(createFliteTts(), { text: chunks(['Hello there, how are you?']) });
    const words = parts.filter((part) => part.type === 'word');
    const there = words.find((word) => word.word === 'there,');
    const how = words.find((word) => word.word === 'how');
    assert.ok(there && how);
    assert.ok(how.startMs - there.endMs >= 100, `${there.endMs} → ${how.startMs}`);
    assert.ok((words[0]?.startMs ?? 0) >= 150, 'the leading pause is not part of the first word');
  });

  it('still times every word when some tokens have nothing to say', async () => {
    const text = 'It ships on Monday - the 3rd.';
    const parts = await collect(createFliteTts(), { text: chunks([text]) });
    const words = parts.filter((part) => part.type === 'word').map((part) => part.word);
    assert.deepEqual(words, text.split(' '));
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
