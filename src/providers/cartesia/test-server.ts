import type { WebSocket } from 'ws';
import { startTestWsServer, type TestWsServer } from '../resilience/test-ws-server.ts';
import { cartesiaRefusal, type CartesiaGenerationRequest } from './rules.ts';

/** Milliseconds of audio the fake voice spends on each character. */
export const MS_PER_CHAR = 40;
/** Voice ids the tests use: a plain voice and failure scenarios. */
const TEST_VOICES = ['voice-1', 'status-500', 'disconnect'];

/**
 * A strict local server speaking Cartesia's TTS WebSocket: a wrong key or missing
 * `Cartesia-Version` is refused at the handshake; each generation request is checked
 * (rules.ts) and refused with an `error` message for its context. Audio is PCM16 at
 * the asked rate, 40 ms a character, in two `chunk`s per request, with `timestamps`
 * counted from the context's start, `flush_done` after a flushed request and `done`
 * after `continue: false`. Voices `status-500` and `disconnect` fail. A socket with no
 * request for `idleTimeoutMs` (default the documented 5 minutes, rules.ts) is closed.
 */
export async function startCartesiaTestServer(
  options: { readonly idleTimeoutMs?: number } = {},
): Promise<CartesiaTestServer> {
  const cancelled: string[] = [];
  const server = await startTestWsServer({
    decide: (request) => {
      if (request.headers['x-api-key'] !== 'test-key') {
        return { status: 401, body: '{"error":"Invalid API key"}' };
      }
      // https://docs.cartesia.ai/use-the-api/api-conventions#versioning — the version is required.
      if (!request.headers['cartesia-version']) {
        return { status: 400, body: '{"error":"Cartesia-Version header is required"}' };
      }
      return 'accept';
    },
    onConnection: (socket) => serve(socket, cancelled, options.idleTimeoutMs),
  });
  return Object.assign(server, { cancelled });
}

export interface CartesiaTestServer extends TestWsServer {
  /** Context ids the client cancelled. */
  readonly cancelled: string[];
}

interface Request extends CartesiaGenerationRequest {
  cancel?: boolean;
  flush?: boolean;
}

function serve(socket: WebSocket, cancelled: string[], idleTimeoutMs = 5 * 60_000): void {
  const spokenMs = new Map<string, number>();
  let flushes = 0;
  let idle: NodeJS.Timeout | undefined;
  const restartIdle = () => {
    clearTimeout(idle);
    idle = setTimeout(() => socket.close(1000, 'idle timeout'), idleTimeoutMs);
  };
  restartIdle();
  socket.on('close', () => clearTimeout(idle));
  socket.on('message', (data: Buffer) => {
    restartIdle();
    const request = JSON.parse(data.toString()) as Request;
    const contextId = typeof request.context_id === 'string' ? request.context_id : '';
    if (request.cancel) {
      cancelled.push(contextId);
      return;
    }
    const send = (message: Record<string, unknown>) =>
      socket.send(
        JSON.stringify({ status_code: 206, done: false, context_id: contextId, ...message }),
      );
    const refusal = cartesiaRefusal(request, TEST_VOICES);
    if (refusal) return send({ type: 'error', done: true, ...refusal });
    if (request.voice?.id === 'status-500') {
      return send({
        type: 'error',
        done: true,
        title: 'Server error',
        message: 'internal',
        error_code: 'internal',
        status_code: 500,
      });
    }
    const rate = Number(request.output_format?.sample_rate);
    const text = typeof request.transcript === 'string' ? request.transcript : '';
    let startMs = spokenMs.get(contextId) ?? 0;
    if (text.trim() !== '') {
      const samples = Math.round((text.length * MS_PER_CHAR * rate) / 1_000);
      const pcm = Buffer.alloc(samples * 2);
      for (let i = 0; i < samples; i++)
        pcm.writeInt16LE(Math.round(5_000 * Math.sin(i / 6)), i * 2);
      const half = Math.floor(samples / 2) * 2;
      send({ type: 'chunk', data: pcm.subarray(0, half).toString('base64') });
      if (request.voice?.id === 'disconnect') return socket.terminate();
      send({ type: 'chunk', data: pcm.subarray(half).toString('base64') });
      const words: string[] = [];
      const start: number[] = [];
      const end: number[] = [];
      for (const match of text.matchAll(/\S+/g)) {
        words.push(match[0]);
        start.push((startMs + match.index * MS_PER_CHAR) / 1_000);
        end.push((startMs + (match.index + match[0].length) * MS_PER_CHAR) / 1_000);
      }
      send({ type: 'timestamps', word_timestamps: { words, start, end } });
      startMs += text.length * MS_PER_CHAR;
      spokenMs.set(contextId, startMs);
    }
    if (request.flush) send({ type: 'flush_done', flush_done: true, flush_id: ++flushes });
    if (request.continue === false) send({ type: 'done', done: true });
  });
}
