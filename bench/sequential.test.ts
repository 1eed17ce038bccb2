import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { systemClock } from '../src/stream/system-clock.ts';
import {
  createFakeLlm,
  createFakeStt,
  createFakeTts,
  createFakeVad,
} from '../src/testing/index.ts';
import { runSequentialTurn } from './sequential.ts';

describe('the sequential baseline', () => {
  it('sends its first audio only after the whole reply has been written and synthesised', async () => {
    const clock = systemClock;
    const startMs = clock.now() + 20;
    const script = [{ startMs, endMs: startMs + 50, transcript: 'Where is my order?' }];
    const llm = createFakeLlm({
      clock,
      responses: {
        firstTokenDelayMs: 20,
        tokenIntervalMs: 10,
        text: 'It ships today. It arrives Friday.',
      },
    });
    const tts = createFakeTts({ clock, firstAudioDelayMs: 20, msPerWord: 100 });
    const turn = await runSequentialTurn(
      {
        vad: createFakeVad({ clock, script }),
        stt: createFakeStt({ clock, script, latencies: { sttFinalDelayMs: 10 } }),
        llm,
        tts,
      },
      { silenceMs: 30, systemPrompt: 'test', signal: new AbortController().signal },
    );
    assert.equal(turn.transcript, 'Where is my order?');
    assert.equal(turn.replyText, 'It ships today. It arrives Friday.');
    assert.equal(tts.texts.length, 1, 'the whole reply went to the TTS at once');
    assert.equal(turn.audioMs, 6 * 100);
    // End of speech + silence + first token + 5 more tokens + TTS delay, at the least.
    assert.ok(turn.firstAudioAtMs - script[0]!.endMs >= 30 + 20 + 5 * 10 + 20 - 2);
  });
});
