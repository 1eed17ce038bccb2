import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createPicoTts, picoMarkup } from './pico.ts';
import { audioMs, chunks, collect, describeTtsEngine } from './tts-suite.ts';

describeTtsEngine('Pico es-ES', () => createPicoTts({ language: 'es-ES' }), 'pico2wave');

describe('createPicoTts', () => {
  it('speaks English too', async () => {
    const parts = await collect(createPicoTts(), { text: chunks(['Good morning.']) });
    assert.ok(audioMs(parts) > 300);
  });

  it('escapes markup characters so they are spoken, not parsed', () => {
    assert.equal(
      picoMarkup('Tom & Jerry <b>', 0.9),
      '<speed level="90">Tom &amp; Jerry &lt;b&gt;</speed>',
    );
  });

  it('speaks text that starts with a dash instead of reading it as an option', async () => {
    const parts = await collect(createPicoTts(), { text: chunks(['-5 degrees today.']) });
    assert.ok(audioMs(parts) > 300);
    assert.equal(parts.filter((part) => part.type === 'error').length, 0);
  });
});
