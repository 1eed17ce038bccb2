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
import { resample } from '../../src/audio/resample.ts';
import { createSession } from '../../src/conversation/index.ts';
import { synthesize } from '../../src/providers/local/stt/test-speech.ts';
import { DEMO_AGENT } from '../../src/server/demo-agent.ts';
import { modelsFromEnv } from '../../src/server/models-from-env.ts';
import { systemClock } from '../../src/stream/system-clock.ts';
import { createFakeLlm, createFakeStt, createFakeVad } from '../../src/testing/index.ts';
import type { SessionModels } from '../../src/conversation/types.ts';
import type { AgentDefinition } from '../../src/spec/agent.ts';
import { startRealtimeServer, TOKEN, type RealtimeTestServer } from './harness.ts';

/** A second client no one here wrote: OpenAI's Agents SDK realtime session, over wss with the test CA. */
function agentsSdkSession(server: RealtimeTestServer, agent: RealtimeAgent): RealtimeSession {
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
  return new RealtimeSession(agent, { transport });
}

const assistantText = (history: RealtimeItem[]): string =>
  history
    .flatMap((item) =>
      item.type === 'message' && item.role === 'assistant'
        ? item.content.map((part) =>
            'transcript' in part ? (part.transcript ?? '') : 'text' in part ? part.text : '',
          )
        : [],
    )
    .join(' ');

async function until(test: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function serverWith(
  models: (agent: AgentDefinition) => SessionModels,
): Promise<RealtimeTestServer> {
  return startRealtimeServer({
    agents: [DEMO_AGENT],
    openSession: (agent) =>
      Promise.resolve(createSession({ agent, models: models(agent), outputSampleRate: 24_000 })),
  });
}

describe("OpenAI's Agents SDK realtime session against Parley", { timeout: 90_000 }, () => {
  const errors: unknown[] = [];

  describe('a client tool run by the SDK, on vendor-like scripted replies', () => {
    let server: RealtimeTestServer;
    let session: RealtimeSession;
    const llm = createFakeLlm({
      clock: systemClock,
      responses: [
        { toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] },
        { text: 'It is sunny in Paris today.' },
      ],
    });
    before(async () => {
      const local = modelsFromEnv({});
      server = await serverWith((agent) => ({
        vad: createFakeVad({ clock: systemClock, script: [] }),
        stt: createFakeStt({ clock: systemClock, script: [] }),
        llm,
        tts: local(agent).tts,
      }));
    });
    after(async () => {
      session.close();
      await server.close();
    });

    it('runs the tool the SDK defined and speaks the answer built from its result', async () => {
      const calls: string[] = [];
      const getWeather = tool({
        name: 'get_weather',
        description: 'The weather in a city.',
        parameters: z.object({ city: z.string() }),
        execute: ({ city }) => {
          calls.push(city);
          return Promise.resolve({ sky: 'sunny', city });
        },
      });
      const agent = new RealtimeAgent({
        name: 'Weather',
        instructions: 'Answer weather questions.',
        tools: [getWeather],
      });
      session = agentsSdkSession(server, agent);
      let audioBytes = 0;
      let history: RealtimeItem[] = [];
      session.on('audio', (event) => (audioBytes += event.data.byteLength));
      session.on('history_updated', (items) => (history = items));
      session.on('error', (error) => errors.push(error));
      await session.connect({ apiKey: TOKEN });
      session.sendMessage('What is the weather in Paris?');
      await until(
        () => /sunny in Paris/.test(assistantText(history)) && audioBytes > 0,
        30_000,
        'the spoken answer',
      );
      assert.deepEqual(calls, ['Paris']);
      assert.match(JSON.stringify(llm.calls[1]?.messages.find((m) => m.role === 'tool')), /sunny/);
      assert.deepEqual(errors, []);
    });
  });

  describe('speech in with server VAD, on the offline stack', () => {
    let server: RealtimeTestServer;
    let session: RealtimeSession;
    before(async () => {
      server = await serverWith(modelsFromEnv({}));
    });
    after(async () => {
      session.close();
      await server.close();
    });

    it('hears a spoken question and answers in speech', async () => {
      session = agentsSdkSession(
        server,
        new RealtimeAgent({ name: 'Hours', instructions: 'Tell the hours.' }),
      );
      let audioBytes = 0;
      let history: RealtimeItem[] = [];
      session.on('audio', (event) => (audioBytes += event.data.byteLength));
      session.on('history_updated', (items) => (history = items));
      session.on('error', (error) => errors.push(error));
      await session.connect({ apiKey: TOKEN });
      const speech = resample(
        await synthesize('what time do you open', { leadMs: 300, tailMs: 1_400 }),
        16_000,
        24_000,
      );
      for (let offset = 0; offset < speech.length; offset += 2_400) {
        const chunk = speech.slice(offset, offset + 2_400);
        session.sendAudio(chunk.buffer);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await until(
        () => /seven/.test(assistantText(history)) && audioBytes > 24_000,
        30_000,
        'the spoken answer',
      );
      assert.deepEqual(errors, []);
    });
  });
});
