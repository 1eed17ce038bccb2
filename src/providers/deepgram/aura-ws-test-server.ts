import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';
import { startTestWsServer, type TestWsServer } from '../resilience/test-ws-server.ts';
import { AURA_IDLE_TIMEOUT_MS, AURA_MAX_CHARS, speakRefusal } from './rules.ts';

/**
 * A strict local server speaking Aura's streaming WebSocket (`/v1/speak`): the same
 * query rules as REST at the handshake (unknown voice, unsupported rate), a `Speak`
 * longer than 2000 characters answered with an `Error` message, binary linear16 (80 ms
 * a character) for each `Speak`, `Flushed` per `Flush`, `Cleared` per `Clear`, a close on
 * `Close` (https://developers.deepgram.com/docs/streaming-text-to-speech), and close 1011
 * `NET-0001` for a socket idle `idleTimeoutMs` (default 10 s, rules.ts).
 */
export async function startAuraWsTestServer(
  options: { readonly idleTimeoutMs?: number } = {},
): Promise<AuraWsTestServer> {
  const cleared = { count: 0 };
  const server = await startTestWsServer({
    decide: (request) => {
      if (request.headers.authorization !== 'Token test-key') {
        return {
          status: 401,
          body: '{"err_code":"INVALID_AUTH","err_msg":"Invalid credentials."}',
        };
      }
      const refusal = speakRefusal(new URL(request.url ?? '/', 'http://x').searchParams, undefined);
      if (refusal) return { status: refusal.status, body: JSON.stringify(refusal.body) };
      return 'accept';
    },
    onConnection: (socket, request) =>
      serve(socket, request, cleared, options.idleTimeoutMs ?? AURA_IDLE_TIMEOUT_MS),
  });
  return Object.assign(server, { cleared: () => cleared.count });
}

export interface AuraWsTestServer extends TestWsServer {
  cleared(): number;
}

function serve(
  socket: WebSocket,
  request: IncomingMessage,
  cleared: { count: number },
  idleTimeoutMs: number,
): void {
  const rate = Number(
    new URL(request.url ?? '/', 'http://x').searchParams.get('sample_rate') ?? 24_000,
  );
  let flushes = 0;
  let idle: NodeJS.Timeout | undefined;
  const restartIdle = () => {
    clearTimeout(idle);
    idle = setTimeout(() => socket.close(1011, 'NET-0001'), idleTimeoutMs);
  };
  restartIdle();
  socket.on('close', () => clearTimeout(idle));
  socket.send(JSON.stringify({ type: 'Metadata', request_id: 'req-1', model_name: 'aura-2' }));
  socket.on('message', (data: Buffer) => {
    restartIdle();
    const message = JSON.parse(data.toString()) as { type: string; text?: string };
    if (message.type === 'Speak') {
      const text = message.text ?? '';
      if (text.length > AURA_MAX_CHARS) {
        socket.send(
          JSON.stringify({
            type: 'Error',
            err_code: 'Bad Request',
            description: `Text exceeds ${AURA_MAX_CHARS} characters`,
          }),
        );
        return;
      }
      const samples = Math.round((text.length * 80 * rate) / 1_000);
      const pcm = Buffer.alloc(samples * 2);
      for (let i = 0; i < samples; i++)
        pcm.writeInt16LE(Math.round(6_000 * Math.sin(i / 7)), i * 2);
      socket.send(pcm.subarray(0, 333));
      socket.send(pcm.subarray(333));
    } else if (message.type === 'Flush') {
      socket.send(JSON.stringify({ type: 'Flushed', sequence_id: flushes++ }));
    } else if (message.type === 'Clear') {
      cleared.count++;
      socket.send(JSON.stringify({ type: 'Cleared', sequence_id: flushes }));
    } else if (message.type === 'Close') {
      socket.close(1000);
    }
  });
}
