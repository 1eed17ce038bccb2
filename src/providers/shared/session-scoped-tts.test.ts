import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TtsPart, TtsStreamOptions } from '../../spec/tts.ts';
import { collectParts } from '../../testing/conformance/helpers.ts';
import { createFallbackTts } from '../resilience/fallback-models.ts';
import { withVoice } from './fixed-voice.ts';
import { sessionScopedTts } from './session-scoped-tts.ts';

/** A voice whose sessions are counted, speaking the voice it was asked for as text-free audio. */
function countedVoice(name: string) {
  const counts = { opened: 0, closed: 0, voices: [] as (string | undefined)[] };
  const model = sessionScopedTts(
    {
      provider: name,
      model: 'm',
      capabilities: {
        streaming: true,
        wordTimings: false,
        sampleRates: [16_000],
        languages: ['*'],
      },
    },
    () => {
      counts.opened++;
      return {
        async *stream(options: TtsStreamOptions): AsyncGenerator<TtsPart> {
          counts.voices.push(options.voice);
          for await (const text of options.text) yield { type: 'segment-end', text };
        },
        close: () => {
          counts.closed++;
          return Promise.resolve();
        },
      };
    },
  );
  return { model, counts };
}

async function* one(text: string): AsyncGenerator<string> {
  yield await Promise.resolve(text);
}
const speak = (model: { stream(o: TtsStreamOptions): AsyncIterable<TtsPart> }, voice?: string) =>
  collectParts(
    model.stream({
      text: one('Hi.'),
      sampleRate: 16_000,
      signal: new AbortController().signal,
      ...(voice ? { voice } : {}),
    }),
  );

describe('session-scoped TTS models', () => {
  it('open one session for all the replies of a conversation and close it with it', async () => {
    const { model, counts } = countedVoice('a');
    const session = model.openSession();
    await speak(session);
    await speak(session);
    assert.deepEqual([counts.opened, counts.closed], [1, 0]);
    await session.close();
    assert.deepEqual([counts.opened, counts.closed], [1, 1]);
  });

  it('open and close a session per reply when streamed without one', async () => {
    const { model, counts } = countedVoice('a');
    await speak(model);
    await speak(model);
    assert.deepEqual([counts.opened, counts.closed], [2, 2]);
  });

  it('keep the fixed voice in the session a withVoice model opens', async () => {
    const { model, counts } = countedVoice('a');
    const session = withVoice(model, 'voice-x').openSession?.();
    assert.ok(session);
    await speak(session, 'ignored');
    await session.close();
    assert.deepEqual(counts.voices, ['voice-x']);
    assert.equal(counts.closed, 1);
  });

  it('open every model’s session in a fallback chain and close them all', async () => {
    const first = countedVoice('a');
    const second = countedVoice('b');
    const chain = createFallbackTts([first.model, second.model]);
    const session = chain.openSession?.();
    assert.ok(session);
    const parts = await speak(session);
    assert.deepEqual(parts, [{ type: 'segment-end', text: 'Hi.' }]);
    await session.close();
    assert.deepEqual(
      [first.counts.opened, first.counts.closed, second.counts.opened, second.counts.closed],
      [1, 1, 1, 1],
    );
  });
});
