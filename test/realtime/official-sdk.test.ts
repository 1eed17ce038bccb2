import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { resample } from '../../src/audio/resample.ts';
import { synthesize } from '../../src/providers/local/stt/test-speech.ts';
import { DEMO_AGENT } from '../../src/server/demo-agent.ts';
import { modelsFromEnv } from '../../src/server/models-from-env.ts';
import { createSession } from '../../src/conversation/index.ts';
import { systemClock } from '../../src/stream/system-clock.ts';
import { createFakeLlm, createFakeStt, createFakeVad } from '../../src/testing/index.ts';
import type { AgentDefinition } from '../../src/spec/agent.ts';
import {
  connectOfficialClient,
  sendSpeech,
  startMic,
  startRealtimeServer,
  type RealtimeClient,
  type RealtimeTestServer,
} from './harness.ts';
import { assertDocumentedShape } from './shapes.ts';

const speech24k = async (text: string, tailMs = 1_400): Promise<Int16Array> =>
  resample(await synthesize(text, { leadMs: 300, tailMs }), 16_000, 24_000);
/** The demo agent with a reply long enough (about ten seconds) to barge in on under load. */
const HOURS_AGENT: AgentDefinition = {
  ...DEMO_AGENT,
  dialogue: {
    ...DEMO_AGENT.dialogue,
    intents: (DEMO_AGENT.dialogue?.intents ?? []).map((intent) =>
      intent.name === 'hours'
        ? {
            ...intent,
            reply:
              'We are open from seven in the morning until nine in the evening, every day of the week. On public holidays we open at ten and close at six. The kitchen closes an hour before we do.',
          }
        : intent,
    ),
    fallbackReply: DEMO_AGENT.dialogue?.fallbackReply ?? '',
  },
};
const ofType =
  <T extends string>(type: T) =>
  (event: { type: string }) =>
    event.type === type;

const WEATHER_TOOL = {
  type: 'function' as const,
  name: 'get_weather',
  description: 'The weather in a city, from the client.',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

function checkShapes(client: RealtimeClient): void {
  assert.deepEqual(client.errors, [], 'the SDK reported errors');
  let checked = 0;
  for (const event of client.events) {
    assert.equal(typeof (event as { event_id?: unknown }).event_id, 'string');
    if (assertDocumentedShape(event as unknown as Record<string, unknown>)) checked++;
  }
  assert.ok(checked > 10, `only ${checked} events had a documented example`);
}

describe(
  'the official openai Realtime client against the offline stack',
  { timeout: 120_000 },
  () => {
    let server: RealtimeTestServer;
    let client: RealtimeClient;
    let dataDir = '';
    before(async () => {
      dataDir = await mkdtemp(join(tmpdir(), 'parley-rt-'));
      const makeModels = modelsFromEnv({});
      server = await startRealtimeServer({
        agents: [HOURS_AGENT],
        openSession: (agent: AgentDefinition) =>
          Promise.resolve(
            createSession({ agent, models: makeModels(agent), outputSampleRate: 24_000 }),
          ),
      });
      client = await connectOfficialClient(server, 'demo');
    });
    after(async () => {
      if (process.env['PARLEY_RT_DUMP']) {
        const { writeFileSync } = await import('node:fs');
        const brief = client.events.filter((e) => e.type !== 'response.output_audio.delta');
        writeFileSync(process.env['PARLEY_RT_DUMP'], JSON.stringify(brief));
      }
      client.rt.close();
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    });

    it('opens with session.created and applies a GA session.update with a client tool', async () => {
      await client.next(ofType('session.created'));
      client.rt.send({
        type: 'session.update',
        session: {
          type: 'realtime',
          instructions: 'Be brief.',
          audio: {
            input: {
              format: { type: 'audio/pcm', rate: 24_000 },
              turn_detection: { type: 'server_vad' },
            },
            output: { format: { type: 'audio/pcm', rate: 24_000 }, voice: 'alloy' },
          },
          tools: [WEATHER_TOOL],
        },
      });
      const updated = await client.next(ofType('session.updated'));
      assert.ok(updated.type === 'session.updated');
      assert.deepEqual((updated.session as { tools?: unknown[] }).tools, [WEATHER_TOOL]);
    });

    it('hears a spoken question with server VAD and streams the audio answer and its transcript', async () => {
      const start = client.events.length;
      await sendSpeech(client, await speech24k('what time do you open'));
      await client.next(ofType('input_audio_buffer.speech_started'), 20_000, start);
      await client.next(ofType('input_audio_buffer.speech_stopped'), 20_000, start);
      const committed = await client.next(ofType('input_audio_buffer.committed'), 20_000, start);
      const done = await client.next(ofType('response.done'), 30_000, start);
      assert.ok(done.type === 'response.done' && done.response.status === 'completed');
      const transcript = await client.next(
        ofType('response.output_audio_transcript.done'),
        1_000,
        start,
      );
      assert.ok(transcript.type === 'response.output_audio_transcript.done');
      assert.match(transcript.transcript, /seven/i);
      const audio = client.events
        .slice(start)
        .filter((e) => e.type === 'response.output_audio.delta')
        .reduce(
          (bytes, e) =>
            bytes +
            Buffer.from(e.type === 'response.output_audio.delta' ? e.delta : '', 'base64').length,
          0,
        );
      assert.ok(audio / 2 / 24_000 > 1, `only ${audio} bytes of audio`);
      const user = client.events
        .slice(start)
        .find(
          (e) =>
            e.type === 'conversation.item.added' &&
            e.item.type === 'message' &&
            e.item.role === 'user',
        );
      assert.ok(
        committed.type === 'input_audio_buffer.committed' &&
          user?.type === 'conversation.item.added',
      );
      assert.equal(user.item.id, committed.item_id);
    });

    it('barges in over the answer: the response ends cancelled and truncate keeps the heard part', async () => {
      const start = client.events.length;
      const bargeIn = await speech24k('thank you goodbye', 300);
      const mic = startMic(client);
      try {
        await mic.say(await speech24k('what time do you close', 300));
        const firstAudio = await client.next(ofType('response.output_audio.delta'), 30_000, start);
        assert.ok(firstAudio.type === 'response.output_audio.delta');
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        await mic.say(bargeIn);
        const done = await client.next(
          (e) => e.type === 'response.done' && e.response.id === firstAudio.response_id,
          30_000,
          start,
        );
        assert.ok(done.type === 'response.done');
        assert.equal(done.response.status, 'cancelled');
        assert.deepEqual(done.response.status_details, {
          type: 'cancelled',
          reason: 'turn_detected',
        });
        client.rt.send({
          type: 'conversation.item.truncate',
          item_id: firstAudio.item_id,
          content_index: 0,
          audio_end_ms: 400,
        });
        const truncated = await client.next(ofType('conversation.item.truncated'), 5_000, start);
        assert.ok(
          truncated.type === 'conversation.item.truncated' && truncated.audio_end_ms === 400,
        );
        // The barge-in is its own turn: it gets answered too.
        await client.next(
          (e) => e.type === 'response.done' && e.response.id !== firstAudio.response_id,
          30_000,
          start,
        );
      } finally {
        mic.stop();
      }
    });

    it('cancels a response the client asked for with response.cancel', async () => {
      const start = client.events.length;
      client.rt.send({
        type: 'conversation.item.create',
        item: {
          type: 'message',
          role: 'user',
          content: [{ type: 'input_text', text: 'what time do you open' }],
        },
      });
      client.rt.send({ type: 'response.create' });
      const created = await client.next(ofType('response.created'), 10_000, start);
      assert.ok(created.type === 'response.created');
      await client.next(ofType('response.output_audio.delta'), 10_000, start);
      client.rt.send({ type: 'response.cancel' });
      const done = await client.next(ofType('response.done'), 10_000, start);
      assert.ok(done.type === 'response.done' && done.response.id === created.response.id);
      assert.equal(done.response.status, 'cancelled');
      assert.deepEqual(done.response.status_details, {
        type: 'cancelled',
        reason: 'client_cancelled',
      });
    });

    it('refuses an unsupported event with the documented error and keeps going', async () => {
      const start = client.events.length;
      client.rt.on('error', () => undefined);
      client.rt.send({
        type: 'conversation.item.retrieve',
        item_id: 'item_x',
        event_id: 'evt_client_1',
      });
      const error = await client.next(ofType('error'), 5_000, start);
      assert.ok(error.type === 'error');
      assert.equal(error.error.code, 'unsupported_event');
      assert.equal(error.error.event_id, 'evt_client_1');
      client.rt.send({
        type: 'session.update',
        session: { type: 'realtime', audio: { output: { voice: 'verse' } } },
      });
      await client.next(ofType('session.updated'), 5_000, start);
      client.errors.length = 0;
      client.events.splice(start);
      checkShapes(client);
    });
  },
);

describe(
  'the official openai Realtime client calling a client-defined tool',
  { timeout: 60_000 },
  () => {
    let server: RealtimeTestServer;
    let client: RealtimeClient;
    const llm = createFakeLlm({
      clock: systemClock,
      responses: [
        { toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] },
        { text: 'It is sunny in Paris today.' },
      ],
    });
    before(async () => {
      const local = modelsFromEnv({});
      server = await startRealtimeServer({
        agents: [DEMO_AGENT],
        openSession: (agent) =>
          Promise.resolve(
            createSession({
              agent,
              outputSampleRate: 24_000,
              models: {
                vad: createFakeVad({ clock: systemClock, script: [] }),
                stt: createFakeStt({ clock: systemClock, script: [] }),
                llm,
                tts: local(agent).tts,
              },
            }),
          ),
      });
      client = await connectOfficialClient(server, 'demo');
    });
    after(async () => {
      client.rt.close();
      await server.close();
    });

    it('hands the call to the client, takes its output and answers with it', async () => {
      client.rt.send({
        type: 'session.update',
        session: { type: 'realtime', tools: [WEATHER_TOOL] },
      });
      await client.next(ofType('session.updated'));
      client.rt.send({
        type: 'conversation.item.create',
        item: {
          type: 'message',
          role: 'user',
          content: [{ type: 'input_text', text: 'What is the weather in Paris?' }],
        },
      });
      client.rt.send({ type: 'response.create' });
      const call = await client.next(ofType('response.function_call_arguments.done'));
      assert.ok(call.type === 'response.function_call_arguments.done');
      assert.equal(call.name, 'get_weather');
      assert.deepEqual(JSON.parse(call.arguments), { city: 'Paris' });
      const first = await client.next(ofType('response.done'));
      assert.ok(
        first.type === 'response.done' && first.response.output?.[0]?.type === 'function_call',
      );
      const start = client.events.length;
      client.rt.send({
        type: 'conversation.item.create',
        item: {
          type: 'function_call_output',
          call_id: call.call_id,
          output: JSON.stringify({ sky: 'sunny' }),
        },
      });
      client.rt.send({ type: 'response.create' });
      const done = await client.next(ofType('response.done'), 20_000, start);
      assert.ok(done.type === 'response.done' && done.response.status === 'completed');
      const transcript = await client.next(
        ofType('response.output_audio_transcript.done'),
        1_000,
        start,
      );
      assert.ok(transcript.type === 'response.output_audio_transcript.done');
      assert.match(transcript.transcript, /sunny in Paris/);
      const toolMessage = llm.calls[1]?.messages.find((m) => m.role === 'tool');
      assert.match(JSON.stringify(toolMessage), /sunny/);
      checkShapes(client);
    });
  },
);
