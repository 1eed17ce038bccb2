import type { WebSocket } from 'ws';
import { WORDS } from '../deepgram/stt-test-server.ts';
import { startTestWsServer, type TestWsServer } from '../resilience/test-ws-server.ts';
import {
  commitRefusal,
  sessionUpdateRefusal,
  type RealtimeError,
  type TranscriptionSessionUpdate,
} from './realtime-rules.ts';
import { concatInt16 } from '../../audio/pcm.ts';

/** pcm16 on the Realtime API is 24 kHz mono little-endian. */
const RATE = 24_000;
const FRAME_SAMPLES = RATE / 10;

export interface RealtimeTestServer extends TestWsServer {
  /** Client event types received, in order. */
  readonly received: string[];
  /** Error events sent. */
  readonly errors: RealtimeError[];
}

/**
 * A strict local server for OpenAI Realtime transcription sessions
 * (`/v1/realtime?intent=transcription`, bearer key): the first event must be a valid
 * `transcription_session.update` (realtime-rules.ts); audio is coded as for the Deepgram
 * fake, one word per 100 ms frame (read as each frame's most common sample, so resampling
 * edges do not matter); `input_audio_buffer.commit` with under 100 ms is refused with its
 * real error event; a valid commit answers `committed`, one transcription `delta` per word
 * and `completed`.
 */
export async function startRealtimeTestServer(): Promise<RealtimeTestServer> {
  const received: string[] = [];
  const errors: RealtimeError[] = [];
  const server = await startTestWsServer({
    decide: (request) => {
      if (request.headers.authorization !== 'Bearer test-key') {
        return {
          status: 401,
          body: JSON.stringify({
            error: {
              message: 'Incorrect API key provided.',
              type: 'invalid_request_error',
              code: 'invalid_api_key',
              param: null,
            },
          }),
        };
      }
      const url = new URL(request.url ?? '/', 'http://localhost');
      if (url.pathname !== '/v1/realtime' || url.searchParams.get('intent') !== 'transcription') {
        return {
          status: 404,
          body: '{"error":{"message":"Not found","type":"invalid_request_error"}}',
        };
      }
      return 'accept';
    },
    onConnection: (socket) => serve(socket, received, errors),
  });
  return Object.assign(server, { received, errors });
}

function serve(socket: WebSocket, received: string[], errors: RealtimeError[]): void {
  let configured = false;
  let samples: Int16Array[] = [];
  let items = 0;
  const send = (event: Record<string, unknown>) => socket.send(JSON.stringify(event));
  const fail = (error: RealtimeError) => {
    errors.push(error);
    send({ type: 'error', event_id: `event_${errors.length}`, error });
  };
  send({ type: 'transcription_session.created', session: {} });
  socket.on('message', (data: Buffer) => {
    const event = JSON.parse(data.toString()) as TranscriptionSessionUpdate & { audio?: string };
    received.push(String(event.type));
    if (event.type === 'transcription_session.update') {
      const refusal = sessionUpdateRefusal(event);
      if (refusal) return fail(refusal);
      configured = true;
      return send({ type: 'transcription_session.updated', session: event.session });
    }
    if (!configured) {
      return fail({
        type: 'invalid_request_error',
        code: 'session_not_configured',
        message: 'Send transcription_session.update before audio.',
        param: null,
      });
    }
    if (event.type === 'input_audio_buffer.append') {
      const bytes = Buffer.from(event.audio ?? '', 'base64');
      samples.push(new Int16Array(bytes.buffer, bytes.byteOffset, Math.floor(bytes.length / 2)));
      return;
    }
    if (event.type === 'input_audio_buffer.commit') {
      const all = concatInt16(samples);
      const refusal = commitRefusal((all.length * 1_000) / RATE);
      if (refusal) return fail(refusal);
      samples = [];
      const itemId = `item_${++items}`;
      send({ type: 'input_audio_buffer.committed', item_id: itemId, previous_item_id: null });
      const words = decode(all);
      for (const [i, word] of words.entries()) {
        const delta = i === 0 ? word : ` ${word}`;
        send({
          type: 'conversation.item.input_audio_transcription.delta',
          item_id: itemId,
          content_index: 0,
          delta,
        });
      }
      send({
        type: 'conversation.item.input_audio_transcription.completed',
        item_id: itemId,
        content_index: 0,
        transcript: words.join(' '),
      });
    }
  });
}

/** One word per 100 ms frame: the frame's most common sample value picks it. */
function decode(samples: Int16Array): string[] {
  const words: string[] = [];
  for (let start = 0; start + FRAME_SAMPLES / 2 <= samples.length; start += FRAME_SAMPLES) {
    const counts = new Map<number, number>();
    for (const value of samples.subarray(start, start + FRAME_SAMPLES))
      counts.set(value, (counts.get(value) ?? 0) + 1);
    const [value] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0] ?? [0];
    const word = WORDS[value];
    if (value > 0 && word) words.push(word);
  }
  return words;
}
