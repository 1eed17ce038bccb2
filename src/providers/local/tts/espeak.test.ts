import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProviderError } from '../../../spec/errors.ts';
import { createEspeakTts, espeakCommand } from './espeak.ts';
import { audioMs, chunks, collect, describeTtsEngine } from './tts-suite.ts';

describeTtsEngine('espeak-ng', () => createEspeakTts(), 'espeak-ng');

describe('createEspeakTts', () => {
  it('speaks Spanish with the es voice', async () => {
    const parts = await collect(createEspeakTts(), {
      text: chunks(['Hola, ¿en qué puedo ayudarle hoy?']),
      language: 'es',
    });
    assert.ok(!parts.some((part) => part.type === 'error'));
    assert.ok(audioMs(parts) > 1000);
    assert.equal(parts.filter((part) => part.type === 'word').length, 6);
  });

  it('runs espeak-ng with the language as voice and the rate applied to the words per minute', () => {
    const command = espeakCommand(
      'hola',
      {
        text: chunks([]),
        sampleRate: 16_000,
        signal: new AbortController().signal,
        language: 'es',
        speakingRate: 0.8,
      },
      'en-us',
      175,
    );
    assert.deepEqual(command.args.slice(-4), ['-v', 'es', '-s', '140']);
  });

  it('ends with an error part when the text source fails, after the audio it already made', async () => {
    async function* text() {
      yield await Promise.resolve('Hello.');
      throw new Error('upstream broke');
    }
    const parts = await collect(createEspeakTts(), { text: text() });
    assert.deepEqual(
      parts
        .filter((part) => part.type !== 'audio' && part.type !== 'word')
        .map((part) => part.type),
      ['segment-end', 'error'],
    );
    const last = parts.at(-1);
    assert.ok(last?.type === 'error' && last.error instanceof ProviderError);
    assert.match(String((last.error.cause as Error).message), /upstream broke/);
  });

  it('reports an unknown voice as a ProviderError part with the exit status as cause', async () => {
    const parts = await collect(createEspeakTts({ voice: 'xx-nonexistent' }), {
      text: chunks(['hello']),
    });
    const error = parts.find((part) => part.type === 'error');
    assert.ok(error?.type === 'error' && error.error instanceof ProviderError);
    assert.match(String(error.error.cause), /exit 1/);
  });
});
