import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';
import { startTestWsServer, type TestWsServer } from '../resilience/test-ws-server.ts';
import {
  contextOf,
  inactivityRefusal,
  inactivityTimeoutS,
  multiContextRefusal,
  type MultiContextMessage,
} from './multi-rules.ts';
import { streamInputRefusal } from './rules.ts';
import { MS_PER_CHAR } from './test-server.ts';

const TEST_VOICES = ['voice-1'];

export interface MultiTestServerOptions {
  /** Closes a socket idle this long, as the real one does after `inactivity_timeout` seconds (tests shorten it). */
  readonly idleTimeoutMs?: number;
}

export interface ElevenLabsMultiTestServer extends TestWsServer {
  /** Every client message, in order, as received (parsed JSON). */
  readonly received: MultiContextMessage[];
  /** Contexts open on all sockets (opened and not yet closed by `close_context`). */
  openContexts(): number;
}

/**
 * A strict local server speaking ElevenLabs' multi-context WebSocket protocol: the
 * handshake refuses what `stream-input` refuses (rules.ts); a context opens with its
 * first message; flushed text is answered with PCM (50 ms a character) and chunk-relative
 * `alignment`, tagged with its `contextId`; `close_context` answers `isFinal` for that
 * context and drops it; a sixth open context gets `max_active_conversations` and close
 * 1008 (multi-rules.ts); `close_socket` closes with 1000; a socket that receives nothing for
 * its `inactivity_timeout` gets `input_timeout_exceeded` and close 1008.
 */
export async function startElevenLabsMultiTestServer(
  options: MultiTestServerOptions = {},
): Promise<ElevenLabsMultiTestServer> {
  const received: MultiContextMessage[] = [];
  const openBySocket = new Set<Map<string, string>>();
  const server = await startTestWsServer({
    decide: (request) => {
      if (request.headers['xi-api-key'] !== 'test-key') {
        return { status: 401, body: '{"detail":{"status":"invalid_api_key"}}' };
      }
      const url = new URL(request.url ?? '/', 'http://localhost');
      const refusal = streamInputRefusal(voiceOf(request), url.searchParams, TEST_VOICES);
      if (refusal) return { status: refusal.status, body: JSON.stringify(refusal.body) };
      return 'accept';
    },
    onConnection: (socket, request) => {
      const open = new Map<string, string>();
      openBySocket.add(open);
      socket.on('close', () => openBySocket.delete(open));
      serve(socket, request, received, open, options.idleTimeoutMs);
    },
  });
  const openContexts = () => [...openBySocket].reduce((sum, open) => sum + open.size, 0);
  return Object.assign(server, { received, openContexts });
}

function voiceOf(request: IncomingMessage): string {
  return /\/v1\/text-to-speech\/([^/]+)\/multi-stream-input/.exec(request.url ?? '')?.[1] ?? '';
}

function serve(
  socket: WebSocket,
  request: IncomingMessage,
  received: MultiContextMessage[],
  open: Map<string, string>,
  idleTimeoutMs: number | undefined,
) {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const rate = Number(/pcm_(\d+)/.exec(url.searchParams.get('output_format') ?? '')?.[1] ?? 24_000);
  const timeoutS = inactivityTimeoutS(url.searchParams);
  let idle: NodeJS.Timeout | undefined;
  const restartIdle = () => {
    clearTimeout(idle);
    idle = setTimeout(
      () => {
        const refusal = inactivityRefusal(timeoutS);
        socket.send(JSON.stringify(refusal));
        socket.close(refusal.code, refusal.error);
      },
      idleTimeoutMs ?? timeoutS * 1_000,
    );
  };
  restartIdle();
  socket.on('close', () => clearTimeout(idle));
  socket.on('message', (data: Buffer) => {
    restartIdle();
    const message = JSON.parse(data.toString()) as MultiContextMessage;
    received.push(message);
    const refusal = multiContextRefusal(message, new Set(open.keys()));
    if (refusal) {
      socket.send(JSON.stringify(refusal));
      return socket.close(refusal.code, refusal.error);
    }
    if (message.close_socket === true) return socket.close(1000);
    const contextId = contextOf(message);
    if (message.close_context === true) {
      if (open.delete(contextId)) socket.send(JSON.stringify({ isFinal: true, contextId }));
      return;
    }
    const buffered = (open.get(contextId) ?? '') + String(message.text);
    if (message.flush !== true) return void open.set(contextId, buffered);
    open.set(contextId, '');
    const chars = [...buffered.trimStart()];
    if (chars.length > 0) socket.send(audioMessage(chars, rate, contextId));
  });
}

function audioMessage(chars: string[], rate: number, contextId: string): string {
  const samples = Math.round((chars.length * MS_PER_CHAR * rate) / 1_000);
  const pcm = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) pcm.writeInt16LE(Math.round(5_000 * Math.sin(i / 5)), i * 2);
  const alignment = {
    chars,
    charStartTimesMs: chars.map((_, i) => i * MS_PER_CHAR),
    charDurationsMs: chars.map(() => MS_PER_CHAR),
  };
  return JSON.stringify({ audio: pcm.toString('base64'), alignment, contextId });
}
