import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { createSession } from '../conversation/index.ts';
import { ConfigError } from '../spec/errors.ts';
import type { SessionEvent } from '../spec/events.ts';
import { createFakeStt } from '../testing/fake-stt.ts';
import { createFakeTts } from '../testing/fake-tts.ts';
import { createFakeVad } from '../testing/fake-vad.ts';
import { systemClock } from '../stream/system-clock.ts';
import { DEMO_AGENT } from './demo-agent.ts';
import { modelsFromEnv } from './models-from-env.ts';

describe('modelsFromEnv', () => {
  it('picks the offline engines when nothing is set', () => {
    const models = modelsFromEnv({})(DEMO_AGENT);
    assert.deepEqual(
      [models.vad.provider, models.stt.provider, models.llm.provider, models.tts.provider],
      ['local', 'local', 'local', 'local'],
    );
    assert.equal(models.llm.model, 'scripted-dialogue');
  });

  it('wraps a primary and its backups in a fallback chain', () => {
    const models = modelsFromEnv({
      PARLEY_LLM: 'openai',
      OPENAI_BASE_URL: 'http://127.0.0.1:9/v1',
      PARLEY_LLM_FALLBACK: 'local',
    })(DEMO_AGENT);
    assert.equal(models.llm.provider, 'fallback');
  });

  it('names the missing variable when a vendor has no key', () => {
    assert.throws(
      () => modelsFromEnv({ PARLEY_TTS: 'elevenlabs' })(DEMO_AGENT),
      (error: unknown) =>
        error instanceof ConfigError && /ELEVENLABS_API_KEY is not set/.test(error.message),
    );
  });

  it('refuses an unknown provider at once', () => {
    assert.throws(
      () => modelsFromEnv({ PARLEY_STT: 'whisper-cloud' }),
      /unknown provider "whisper-cloud"/,
    );
  });

  it('falls back from a failing vendor LLM to the offline engine and counts it in the turn metrics', async () => {
    const vendor = createServer((_request, response) => {
      response.writeHead(401, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { message: 'bad key' } }));
    });
    await new Promise<void>((resolve) => vendor.listen(0, '127.0.0.1', resolve));
    const { port } = vendor.address() as AddressInfo;
    try {
      const opened: { session?: ReturnType<typeof createSession> } = {};
      const models = modelsFromEnv({
        PARLEY_LLM: 'openai',
        OPENAI_BASE_URL: `http://127.0.0.1:${port}/v1`,
        OPENAI_API_KEY: 'wrong',
        PARLEY_LLM_FALLBACK: 'local',
      })(DEMO_AGENT, { onFallback: (label) => opened.session?.recordFallback?.(label) });
      const session = createSession({
        agent: DEMO_AGENT,
        greet: false,
        models: {
          ...models,
          vad: createFakeVad({ clock: systemClock, script: [] }),
          stt: createFakeStt({ clock: systemClock, script: [] }),
          tts: createFakeTts({ clock: systemClock, msPerWord: 1 }),
        },
      });
      opened.session = session;
      const metrics = new Promise<SessionEvent>((resolve) =>
        session.subscribe((e) => e.type === 'metrics.turn' && resolve(e)),
      );
      session.sendText('hello');
      const event = await metrics;
      await session.close();
      assert.ok(event.type === 'metrics.turn');
      assert.deepEqual(event.metrics.fallbacks, ['llm:openai/gpt-4o-mini→local/scripted-dialogue']);
      assert.ok(session.history.at(-1)?.role === 'assistant');
    } finally {
      vendor.close();
    }
  });
});
