import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SUPPORT_VOCABULARY } from '../../../agents/support/vocabulary.ts';
import { languageTable } from '../../../text/language.ts';
import { createPocketsphinxStt } from './index.ts';
import { addNoise, audioInputs, SAMPLE_RATE, synthesize } from './test-speech.ts';

describe('pocketsphinx STT over noise', () => {
  it('does not turn pink noise around a request into grammar digits', async () => {
    // A short request, then four seconds of steady pink noise at 15 dB below it.
    const clip = await addNoise(
      await synthesize('i need a technician', { leadMs: 300, tailMs: 4000 }),
      15,
    );
    const finals: string[] = [];
    const stream = createPocketsphinxStt().stream({
      audio: audioInputs(clip),
      sampleRate: SAMPLE_RATE,
      vocabulary: SUPPORT_VOCABULARY,
      signal: new AbortController().signal,
    });
    for await (const part of stream) {
      if (part.type === 'final' && part.text) finals.push(part.text);
    }
    const digitWords = languageTable('en-US').digitWords;
    const digits = finals
      .join(' ')
      .split(' ')
      .filter((word) => word in digitWords);
    assert.deepEqual(digits, [], `heard: ${finals.join(' | ')}`);
    assert.match(finals.join(' '), /technician/);
  });
});
