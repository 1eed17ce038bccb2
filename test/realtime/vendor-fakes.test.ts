import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  OpenAIRealtimeWebSocket,
  RealtimeAgent,
  RealtimeSession,
  tool,
  type RealtimeItem,
} from '@openai/agents-realtime';
import WebSocket from 'ws';
import { z } from 'zod';
import { createSession } from '../../src/conversation/index.ts';
import { createOpenAICompatibleLlm, createOpenAITts } from '../../src/providers/openai/index.ts';
import { startOpenAITestServer } from '../../src/providers/openai/test-server.ts';
import type { TestHttpServer } from '../../src/providers/resilience/test-http-server.ts';
import { DEMO_AGENT } from '../../src/server/demo-agent.ts';
import { systemClock } from '../../src/stream/system-clock.ts';
import { createFakeStt, createFakeVad } from '../../src/testing/index.ts';
import {
  connectOfficialClient,
  startRealtimeServer,
  TOKEN,
  type RealtimeTestServer,
} from './harness.ts';

/**
 * Both Realtime clients on vendor fakes: Parley's OpenAI chat and speech adapters talk to the
 * strict local OpenAI server (which refuses what the real API refuses). Its agent-like model
 * calls the first offered tool with `{}`, then answers "Hello there!" once the result is in.
 */
const CLOCK_TOOL = {
  type: 'function' as const,
  name: 'get_time',
  description: 'The time on the client.',
  parameters: { type: 'object', properties: {} },
};

describe('Realtime clients with vendor fakes behind Parley', { timeout: 90_000 }, () => {
  let openai: TestHttpServer;
  let server: RealtimeTestServer;
  before(async () => {
    openai = await startOpenAITestServer();
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
              llm: createOpenAICompatibleLlm({
                baseUrl: `${openai.url}/v1`,
                apiKey: 'test-key',
                model: 'gpt-4o-mini',
              }),
              tts: createOpenAITts({
                baseUrl: `${openai.url}/v1`,
                apiKey: 'test-key',
                voice: 'alloy',
              }),
            },
          }),
        ),
    });
  });
  after(async () => {
    await server.close();
    await openai.close();
  });
  const noVendorErrors = () =>
    assert.deepEqual(
      openai.statuses().filter((status) => status >= 400),
      [],
      'a vendor fake refused a request',
    );

  it('the official client: a client tool call answered by the client, then the spoken answer', async () => {
    const client = await connectOfficialClient(server, 'demo');
    try {
      client.rt.send({
        type: 'session.update',
        session: { type: 'realtime', tools: [CLOCK_TOOL] },
      });
      await client.next((e) => e.type === 'session.updated');
      client.rt.send({
        type: 'conversation.item.create',
        item: {
          type: 'message',
          role: 'user',
          content: [{ type: 'input_text', text: 'What time is it?' }],
        },
      });
      client.rt.send({ type: 'response.create' });
      const call = await client.next((e) => e.type === 'response.function_call_arguments.done');
      assert.ok(call.type === 'response.function_call_arguments.done' && call.name === 'get_time');
      await client.next((e) => e.type === 'response.done');
      const start = client.events.length;
      client.rt.send({
        type: 'conversation.item.create',
        item: { type: 'function_call_output', call_id: call.call_id, output: '{"time":"10:42"}' },
      });
      client.rt.send({ type: 'response.create' });
      const transcript = await client.next(
        (e) => e.type === 'response.output_audio_transcript.done',
        20_000,
        start,
      );
      assert.ok(transcript.type === 'response.output_audio_transcript.done');
      assert.equal(transcript.transcript, 'Hello there!');
      assert.ok(client.events.slice(start).some((e) => e.type === 'response.output_audio.delta'));
      assert.deepEqual(client.errors, []);
      noVendorErrors();
    } finally {
      client.rt.close();
    }
  });

  it('the Agents SDK: its own tool runs and the answer is spoken', async () => {
    const calls: number[] = [];
    const getTime = tool({
      name: 'get_time',
      description: 'The time on the client.',
      parameters: z.object({}),
      execute: () => {
        calls.push(Date.now());
        return Promise.resolve({ time: '10:42' });
      },
    });
    const transport = new OpenAIRealtimeWebSocket({
      url: `${server.baseURL.replace(/^https/, 'wss')}/realtime?model=demo`,
      createWebSocket: ({ url, apiKey }) =>
        Promise.resolve(
          new WebSocket(url, {
            headers: { Authorization: `Bearer ${apiKey}` },
            ca: server.cert,
          }) as never,
        ),
    });
    const session = new RealtimeSession(
      new RealtimeAgent({ name: 'Clock', instructions: 'Tell the time.', tools: [getTime] }),
      {
        transport,
      },
    );
    let history: RealtimeItem[] = [];
    const errors: unknown[] = [];
    session.on('history_updated', (items) => (history = items));
    session.on('error', (error) => errors.push(error));
    try {
      await session.connect({ apiKey: TOKEN });
      session.sendMessage('What time is it?');
      const deadline = Date.now() + 30_000;
      const said = () =>
        history.some(
          (item) =>
            item.type === 'message' &&
            item.role === 'assistant' &&
            item.content.some((part) => 'transcript' in part && part.transcript === 'Hello there!'),
        );
      while (!said()) {
        if (Date.now() > deadline) throw new Error('no spoken answer');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      assert.equal(calls.length, 1);
      assert.deepEqual(errors, []);
      noVendorErrors();
    } finally {
      session.close();
    }
  });
});
