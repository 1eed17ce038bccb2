import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createSession } from '../../index.ts';
import {
  startSarvamTtsTestServer,
  TEST_API_KEY,
  type SarvamTtsTestServer,
} from '../../providers/sarvam/tts-test-server.ts';
import { createSarvamTts } from '../../providers/sarvam/tts.ts';
import { modelsFromEnv } from '../../server/models-from-env.ts';
import type { SessionEvent } from '../../spec/events.ts';
import { createToolRegistry } from '../../tools/index.ts';
import { createFakeLlm, createFakeStt, createFakeVad } from '../../testing/index.ts';
import { systemClock } from '../../stream/system-clock.ts';
import { AppointmentBook } from './appointments.ts';
import { createClinicHindiAgent } from './index.ts';

const signal = new AbortController().signal;
const run = (
  registry: ReturnType<typeof createToolRegistry>,
  name: string,
  args: unknown,
  sessionId = 's1',
) =>
  registry.run(
    { id: 'c1', name, argumentsJson: JSON.stringify(args) },
    { signal, sessionId, reportProgress: () => undefined },
  );

describe('Hindi clinic agent tools', () => {
  it('lists free times and books one, telling the truth about a repeated booking', async () => {
    const registry = createToolRegistry(createClinicHindiAgent(new AppointmentBook()).tools);
    const before = await run(registry, 'find_slots', { day: 'tomorrow' });
    assert.ok(
      before.ok && (before.result as { free_times: string[] }).free_times.includes('10:00'),
    );
    const first = await run(registry, 'book_appointment', {
      day: 'tomorrow',
      time: '10:00',
      patient_name: 'सीता',
    });
    assert.ok(first.ok);
    assert.deepEqual(first.result, {
      booking_id: 'AR-101',
      day: 'tomorrow',
      time: '10:00',
      patient_name: 'सीता',
      already_booked: false,
    });
    const again = await run(registry, 'book_appointment', {
      day: 'tomorrow',
      time: '10:00',
      patient_name: 'सीता',
    });
    assert.ok(again.ok && (again.result as { already_booked: boolean }).already_booked);
    const other = await run(
      registry,
      'book_appointment',
      { day: 'tomorrow', time: '10:00', patient_name: 'राम' },
      's2',
    );
    assert.ok(!other.ok && /already booked/.test(other.error.message));
    const after = await run(registry, 'find_slots', { day: 'tomorrow' });
    assert.ok(after.ok && !(after.result as { free_times: string[] }).free_times.includes('10:00'));
  });

  it('refuses a time the clinic does not offer', async () => {
    const registry = createToolRegistry(createClinicHindiAgent(new AppointmentBook()).tools);
    const outcome = await run(registry, 'book_appointment', {
      day: 'today',
      time: '23:00',
      patient_name: 'x',
    });
    assert.ok(!outcome.ok && outcome.error.code === 'invalid-tool-arguments');
  });
});

describe('Hindi clinic agent with Sarvam speech', () => {
  let server: SarvamTtsTestServer;
  before(async () => (server = await startSarvamTtsTestServer()));
  after(() => server.close());

  it('is chosen Sarvam speech for its language by the environment', () => {
    const models = modelsFromEnv({
      PARLEY_STT: 'sarvam',
      PARLEY_TTS: 'sarvam',
      SARVAM_API_KEY: 'k',
    })(createClinicHindiAgent());
    assert.equal(models.stt.provider, 'sarvam');
    assert.equal(models.tts.provider, 'sarvam');
    assert.throws(
      () => modelsFromEnv({ PARLEY_TTS: 'sarvam' })(createClinicHindiAgent()),
      /SARVAM_API_KEY is not set/,
    );
  });

  it('answers a typed Hindi request through a tool call and speaks the answer with Sarvam', async () => {
    const agent = createClinicHindiAgent(new AppointmentBook());
    const llm = createFakeLlm({
      clock: systemClock,
      responses: [
        { toolCalls: [{ name: 'find_slots', arguments: { day: 'tomorrow' } }] },
        { text: 'कल सुबह नौ बजे और साढ़े नौ बजे समय खाली है। कौन सा समय ठीक रहेगा?' },
      ],
    });
    const session = createSession({
      agent,
      greet: false,
      models: {
        vad: createFakeVad({ clock: systemClock, script: [] }),
        stt: createFakeStt({ clock: systemClock, script: [] }),
        llm,
        tts: createSarvamTts({
          apiKey: TEST_API_KEY,
          baseUrl: server.url,
          language: agent.language,
        }),
      },
    });
    const events: SessionEvent[] = [];
    const ended = new Promise<void>((resolve) =>
      session.subscribe((event) => {
        events.push(event);
        if (event.type === 'turn.end') resolve();
      }),
    );
    session.sendText('कल डॉक्टर से मिलने का समय है क्या?');
    await ended;
    await session.close();
    const result = events.find((e) => e.type === 'tool.result');
    assert.ok(result?.type === 'tool.result' && result.ok);
    assert.ok((result.result as { free_times: string[] }).free_times.includes('09:00'));
    assert.ok(
      events.some((e) => e.type === 'agent.audio'),
      'no audio from Sarvam',
    );
    assert.ok(
      !events.some((e) => e.type === 'error'),
      JSON.stringify(events.find((e) => e.type === 'error')),
    );
    assert.equal(server.configs.at(-1)?.['language_code'], 'hi-IN');
    assert.equal(server.configs.at(-1)?.['speaker'], 'anushka');
  });
});
