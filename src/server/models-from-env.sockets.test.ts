import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createSession } from '../conversation/index.ts';
import { startCartesiaTestServer } from '../providers/cartesia/test-server.ts';
import { startAuraWsTestServer } from '../providers/deepgram/aura-ws-test-server.ts';
import { startElevenLabsMultiTestServer } from '../providers/elevenlabs/multi-test-server.ts';
import type { TestWsServer } from '../providers/resilience/test-ws-server.ts';
import { ConfigError } from '../spec/errors.ts';
import type { SessionEvent } from '../spec/events.ts';
import { systemClock } from '../stream/system-clock.ts';
import { waitForZero } from '../testing/conformance/helpers.ts';
import { createFakeLlm } from '../testing/fake-llm.ts';
import { createFakeStt } from '../testing/fake-stt.ts';
import { createFakeVad } from '../testing/fake-vad.ts';
import { DEMO_AGENT } from './demo-agent.ts';
import { modelsFromEnv, type Env } from './models-from-env.ts';

let fakes: Record<'elevenlabs' | 'cartesia' | 'deepgram', TestWsServer>;
before(async () => {
  fakes = {
    elevenlabs: await startElevenLabsMultiTestServer(),
    cartesia: await startCartesiaTestServer(),
    deepgram: await startAuraWsTestServer(),
  };
});
after(async () => {
  for (const fake of Object.values(fakes)) await fake.close();
});

const envFor = (tts: keyof typeof fakes): Env => ({
  PARLEY_TTS: tts,
  ELEVENLABS_API_KEY: 'test-key',
  ELEVENLABS_BASE_URL: fakes.elevenlabs.url,
  CARTESIA_API_KEY: 'test-key',
  CARTESIA_BASE_URL: fakes.cartesia.url,
  DEEPGRAM_API_KEY: 'test-key',
  DEEPGRAM_TTS_BASE_URL: fakes.deepgram.url,
});

/** A session on the env's TTS (fake LLM, STT and VAD) that answers three typed turns. */
async function threeTurns(env: Env): Promise<SessionEvent[]> {
  const models = modelsFromEnv(env)(DEMO_AGENT);
  const session = createSession({
    agent: DEMO_AGENT,
    greet: false,
    outputSampleRate: 16_000,
    models: {
      ...models,
      vad: createFakeVad({ clock: systemClock, script: [] }),
      stt: createFakeStt({ clock: systemClock, script: [] }),
      llm: createFakeLlm({ clock: systemClock, responses: { text: 'Sure. Anything else?' } }),
    },
  });
  const events: SessionEvent[] = [];
  let wake = () => {};
  session.subscribe((event) => {
    events.push(event);
    wake();
  });
  try {
    for (const [turn, text] of ['hello', 'one more', 'thanks'].entries()) {
      session.sendText(text);
      const ended = () => events.filter((e) => e.type === 'turn.end').length > turn;
      while (!ended()) await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    await session.close();
  }
  return events;
}

describe('modelsFromEnv: vendor TTS sockets live as long as the session', () => {
  for (const tts of ['elevenlabs', 'cartesia', 'deepgram'] as const) {
    it(`${tts}: three replies over one socket, closed with the session`, async () => {
      const fake = fakes[tts];
      const before = fake.connections;
      const events = await threeTurns(envFor(tts));
      const errors = events.flatMap((e) => (e.type === 'error' ? [e.error.message] : []));
      assert.deepEqual(errors, []);
      assert.equal(events.filter((e) => e.type === 'turn.end' && !e.interrupted).length, 3);
      assert.equal(fake.connections - before, 1, 'one socket for the session');
      await waitForZero(() => fake.openSockets(), `${tts} sockets after the session closed`);
    });
  }

  it('speaks ElevenLabs over a socket per reply when ELEVENLABS_MULTI_CONTEXT=false', () => {
    const tts = modelsFromEnv({ ...envFor('elevenlabs'), ELEVENLABS_MULTI_CONTEXT: 'false' })(
      DEMO_AGENT,
    ).tts;
    assert.equal('openSession' in tts, false);
    const multi = modelsFromEnv(envFor('elevenlabs'))(DEMO_AGENT).tts;
    assert.equal('openSession' in multi, true);
  });

  it('refuses an ELEVENLABS_MULTI_CONTEXT that is not yes or no', () => {
    assert.throws(
      () =>
        modelsFromEnv({ ...envFor('elevenlabs'), ELEVENLABS_MULTI_CONTEXT: 'maybe' })(DEMO_AGENT),
      (error: unknown) =>
        error instanceof ConfigError && /ELEVENLABS_MULTI_CONTEXT/.test(error.message),
    );
  });
});
