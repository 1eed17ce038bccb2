import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';
import { startTestWsServer, type TestWsServer } from '../resilience/test-ws-server.ts';
import { WORDS } from './stt-test-server.ts';

const FRAME_MS = 100;

/**
 * A strict local server speaking Deepgram Flux (`/v2/listen`) over the same coded audio
 * as the Nova fake (one word per 100 ms frame). It refuses what the API refuses: a model
 * other than flux-general-en/-multi, raw audio without encoding and sample_rate, and
 * thresholds out of range (https://developers.deepgram.com/docs/flux/configuration).
 * Each word gets an `Update`; a silent frame gives `EagerEndOfTurn` (when enabled)
 * then `EndOfTurn`; ForceEndTurn ends the turn at once; CloseStream flushes and closes.
 */
export async function startFluxTestServer(): Promise<TestWsServer> {
  return startTestWsServer({
    decide: (request) => {
      if (request.headers.authorization !== 'Token test-key') {
        return {
          status: 401,
          body: '{"err_code":"INVALID_AUTH","err_msg":"Invalid credentials."}',
        };
      }
      const refusal = fluxRefusal(new URL(request.url ?? '/', 'http://x').searchParams);
      if (refusal)
        return { status: 400, body: JSON.stringify({ err_code: 'Bad Request', err_msg: refusal }) };
      return 'accept';
    },
    onConnection: (socket, request) => serve(socket, request),
  });
}

function fluxRefusal(query: URLSearchParams): string | undefined {
  const model = query.get('model') ?? '';
  if (!['flux-general-en', 'flux-general-multi'].includes(model)) return `Invalid model: ${model}`;
  if (!query.has('encoding') || !query.has('sample_rate'))
    return 'encoding and sample_rate are required';
  const within = (name: string, low: number, high: number) => {
    const value = query.get(name);
    return value === null || (Number(value) >= low && Number(value) <= high);
  };
  if (!within('eot_threshold', 0.5, 1)) return 'eot_threshold must be between 0.5 and 1.0';
  if (!within('eager_eot_threshold', 0.3, 0.9))
    return 'eager_eot_threshold must be between 0.3 and 0.9';
  if (!within('eot_timeout_ms', 500, 60_000)) return 'eot_timeout_ms must be between 500 and 60000';
  return undefined;
}

function serve(socket: WebSocket, request: IncomingMessage): void {
  const query = new URL(request.url ?? '/', 'http://x').searchParams;
  const rate = Number(query.get('sample_rate'));
  const eager = query.has('eager_eot_threshold');
  const frameBytes = (rate * FRAME_MS * 2) / 1_000;
  let pending = Buffer.alloc(0);
  let turn = 0;
  let words: string[] = [];
  const info = (event: string, confidence: number) =>
    socket.send(
      JSON.stringify({
        type: 'TurnInfo',
        event,
        turn_index: turn,
        transcript: words.join(' '),
        words: words.map((word) => ({ word, confidence: 0.9 })),
        end_of_turn_confidence: confidence,
      }),
    );
  const endTurn = () => {
    if (words.length === 0) return;
    if (eager) info('EagerEndOfTurn', 0.6);
    info('EndOfTurn', 0.85);
    words = [];
    turn++;
  };
  socket.send(JSON.stringify({ type: 'Connected', request_id: 'req-1', sequence_id: 0 }));
  socket.on('message', (data: Buffer, isBinary) => {
    if (!isBinary) {
      const { type } = JSON.parse(data.toString()) as { type: string };
      if (type === 'ForceEndTurn') endTurn();
      if (type === 'CloseStream') {
        endTurn();
        socket.close(1000);
      }
      return;
    }
    pending = Buffer.concat([pending, data]);
    while (pending.length >= frameBytes) {
      const value = pending.readInt16LE(0);
      pending = pending.subarray(frameBytes);
      if (value > 0) {
        if (words.length === 0) info('StartOfTurn', 0.01);
        words.push(WORDS[value] ?? '?');
        info('Update', 0.05);
      } else endTurn();
    }
  });
}
