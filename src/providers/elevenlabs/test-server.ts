import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';
import {
  startTestWsServer,
  type TestWsServer,
  type UpgradeDecision,
} from '../resilience/test-ws-server.ts';
import { streamInputRefusal } from './rules.ts';

/** Voice ids the tests use besides the real ones: a plain voice and the failure scenarios. */
const TEST_VOICES = ['voice-1', 'hang', 'disconnect', 'malformed', 'quota'];

/** Milliseconds of audio the fake voice spends on each character. */
export const MS_PER_CHAR = 50;

/**
 * A strict local server speaking ElevenLabs' `stream-input` WebSocket protocol: unknown
 * voices, models and output formats are refused at the handshake (rules.ts). Each
 * flushed text is answered with PCM (50 ms a character, at the `output_format`
 * rate) in two messages, each with its own chunk-relative `alignment`; `{"text":""}`
 * gets `isFinal` and a close. Voice ids pick failures: `status-500`, `status-401`,
 * `hang` (no handshake), `disconnect` (drops after the first audio), `malformed`,
 * `quota` (an error message, then close 1008).
 */
export async function startElevenLabsTestServer(): Promise<ElevenLabsTestServer> {
  const keepAlives = { count: 0 };
  const server = await startTestWsServer({
    decide: (request) => decide(request),
    onConnection: (socket, request) => serve(socket, request, keepAlives),
  });
  return Object.assign(server, { keepAlives: () => keepAlives.count });
}

export interface ElevenLabsTestServer extends TestWsServer {
  /** Single-space keep-alive messages received after the first message. */
  keepAlives(): number;
}

function voiceOf(request: IncomingMessage): string {
  return /\/v1\/text-to-speech\/([^/]+)\/stream-input/.exec(request.url ?? '')?.[1] ?? '';
}

function decide(request: IncomingMessage): UpgradeDecision {
  const voice = voiceOf(request);
  if (request.headers['xi-api-key'] !== 'test-key' || voice === 'status-401') {
    return { status: 401, body: '{"detail":{"status":"invalid_api_key"}}' };
  }
  if (voice === 'status-500') return { status: 500, body: '{"detail":"internal"}' };
  const url = new URL(request.url ?? '/', 'http://localhost');
  const refusal = streamInputRefusal(voice, url.searchParams, TEST_VOICES);
  if (refusal) return { status: refusal.status, body: JSON.stringify(refusal.body) };
  if (voice === 'hang') return 'hang';
  return 'accept';
}

function serve(socket: WebSocket, request: IncomingMessage, keepAlives: { count: number }): void {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const rate = Number(/pcm_(\d+)/.exec(url.searchParams.get('output_format') ?? '')?.[1] ?? 24_000);
  const voice = voiceOf(request);
  let initialised = false;
  socket.on('message', (data: Buffer) => {
    const message = JSON.parse(data.toString()) as { text: string; flush?: boolean };
    if (!initialised) {
      initialised = true;
      return;
    }
    if (message.text === ' ') {
      keepAlives.count++;
      return;
    }
    if (voice === 'malformed') return socket.send('{"audio": "AAAA", "isFinal"');
    if (voice === 'quota') {
      socket.send(
        JSON.stringify({ message: 'Quota exceeded', error: 'quota_exceeded', code: 1008 }),
      );
      return socket.close(1008, 'quota_exceeded');
    }
    if (message.text === '') {
      socket.send(
        JSON.stringify({ audio: null, isFinal: true, normalizedAlignment: null, alignment: null }),
      );
      return socket.close(1000);
    }
    const chars = [...message.text];
    const half = Math.ceil(chars.length / 2);
    for (const part of [chars.slice(0, half), chars.slice(half)]) {
      if (part.length === 0) continue;
      const samples = Math.round((part.length * MS_PER_CHAR * rate) / 1_000);
      const pcm = Buffer.alloc(samples * 2);
      for (let i = 0; i < samples; i++)
        pcm.writeInt16LE(Math.round(5_000 * Math.sin(i / 5)), i * 2);
      const alignment = {
        chars: part,
        charStartTimesMs: part.map((_, i) => i * MS_PER_CHAR),
        charsDurationsMs: part.map(() => MS_PER_CHAR),
      };
      socket.send(
        JSON.stringify({
          audio: pcm.toString('base64'),
          isFinal: null,
          alignment,
          normalizedAlignment: alignment,
        }),
      );
      if (voice === 'disconnect') return socket.terminate();
    }
  });
}
