import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { OpenAIRealtimeWS } from 'openai/realtime/ws';
import type { RealtimeServerEvent } from 'openai/resources/realtime/realtime';
import type { Session } from '../../src/conversation/types.ts';
import type { AgentDefinition } from '../../src/spec/agent.ts';
import {
  createRealtimeEndpoint,
  type RealtimeEndpoint,
} from '../../src/transport/openai-realtime/index.ts';
import { selfSignedCertificate } from './tls.ts';

export const TOKEN = 'parley-realtime-test-token-0123456789';

export interface RealtimeTestServer {
  readonly baseURL: string;
  readonly cert: Buffer;
  readonly endpoint: RealtimeEndpoint;
  close(): Promise<void>;
}

/** Parley's Realtime endpoint alone, over TLS on a free port, for the official clients. */
export async function startRealtimeServer(options: {
  agents: readonly AgentDefinition[];
  openSession: (agent: AgentDefinition) => Promise<Session>;
  allowInstructions?: boolean;
}): Promise<RealtimeTestServer> {
  const { key, cert } = await selfSignedCertificate();
  const endpoint = createRealtimeEndpoint({
    findAgent: (id) => options.agents.find((agent) => agent.id === id),
    openSession: options.openSession,
    token: TOKEN,
    allowInstructions: () => options.allowInstructions ?? false,
  });
  const server: Server = createServer({ key, cert });
  server.on('upgrade', (request, socket, head) => {
    if (!endpoint.handleUpgrade(request, socket, head)) socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `https://127.0.0.1:${port}/v1`,
    cert,
    endpoint,
    async close() {
      await endpoint.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The official `openai` package's Realtime WebSocket client, trusting the test certificate. */
export async function connectOfficialClient(
  server: RealtimeTestServer,
  model: string,
): Promise<RealtimeClient> {
  const client = new OpenAI({ apiKey: TOKEN, baseURL: server.baseURL });
  const rt = new OpenAIRealtimeWS({ model, options: { ca: server.cert } }, client);
  const events: RealtimeServerEvent[] = [];
  const waiters: {
    test: (e: RealtimeServerEvent) => boolean;
    resolve: (e: RealtimeServerEvent) => void;
  }[] = [];
  rt.on('event', (event) => {
    events.push(event);
    for (const waiter of [...waiters]) {
      if (waiter.test(event)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(event);
      }
    }
  });
  const errors: unknown[] = [];
  rt.on('error', (error) => errors.push(error));
  await new Promise<void>((resolve, reject) => {
    rt.socket.once('open', () => resolve());
    rt.socket.once('error', reject);
  });
  return {
    rt,
    events,
    errors,
    next(test, timeoutMs = 20_000, after = 0) {
      const found = events.slice(after).find(test);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(
            new Error(
              `no matching event in ${timeoutMs} ms; saw ${events.map((e) => e.type).join(', ')}`,
            ),
          );
        }, timeoutMs);
        const waiter = {
          test,
          resolve: (event: RealtimeServerEvent) => {
            clearTimeout(timer);
            resolve(event);
          },
        };
        waiters.push(waiter);
      });
    },
  };
}

export interface RealtimeClient {
  readonly rt: OpenAIRealtimeWS;
  readonly events: RealtimeServerEvent[];
  readonly errors: unknown[];
  /** The first event (from index `after`) that passes `test`, waiting for it if needed. */
  next(
    test: (event: RealtimeServerEvent) => boolean,
    timeoutMs?: number,
    after?: number,
  ): Promise<RealtimeServerEvent>;
}

/** Sends PCM16 at 24 kHz as 100 ms appends, paced in real time. */
export async function sendSpeech(client: RealtimeClient, samples24k: Int16Array): Promise<void> {
  const step = 2_400;
  for (let offset = 0; offset < samples24k.length; offset += step) {
    const chunk = samples24k.subarray(offset, offset + step);
    client.rt.send({
      type: 'input_audio_buffer.append',
      audio: Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('base64'),
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A microphone that streams 100 ms appends in real time: queued speech, else silence. */
export function startMic(client: RealtimeClient): {
  say(samples24k: Int16Array): Promise<void>;
  stop(): void;
} {
  const step = 2_400;
  const queue: { samples: Int16Array; done: () => void }[] = [];
  let offset = 0;
  const timer = setInterval(() => {
    const current = queue[0];
    let chunk = new Int16Array(step);
    if (current) {
      chunk = current.samples.slice(offset, offset + step);
      offset += step;
      if (offset >= current.samples.length) {
        queue.shift();
        offset = 0;
        current.done();
      }
    }
    client.rt.send({
      type: 'input_audio_buffer.append',
      audio: Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('base64'),
    });
  }, 100);
  return {
    say: (samples) => new Promise<void>((resolve) => queue.push({ samples, done: resolve })),
    stop: () => clearInterval(timer),
  };
}
