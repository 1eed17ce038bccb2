import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';
import type { SttInput } from '../../spec/stt.ts';
import { startTestWsServer, type TestWsServer } from '../resilience/test-ws-server.ts';
import { listenRefusal } from './rules.ts';

const SCENARIOS = ['drop-once', 'malformed', 'close-1008', 'status-500', 'hang'];

/** The fake recogniser hears one word per 100 ms frame: the frame's sample value picks it. */
export const WORDS = ['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const FRAME_MS = 100;

/** 100 ms frames at `sampleRate`: a word id per frame, 0 for silence. */
export function codedAudio(frames: readonly number[], sampleRate = 16_000): SttInput[] {
  return frames.map((value) => ({
    type: 'audio',
    chunk: { samples: new Int16Array((sampleRate * FRAME_MS) / 1_000).fill(value), sampleRate },
  }));
}

export interface DeepgramTestServer extends TestWsServer {
  /** JSON control messages received (KeepAlive, Finalize, CloseStream), in order. */
  readonly controlMessages: string[];
}

/**
 * A strict local server speaking Deepgram's live `/v1/listen` protocol over coded audio
 * (unlisted model/language pairs and raw audio without rate are refused, rules.ts):
 * interim `Results` per word, `is_final` + `speech_final` on a silent frame,
 * `from_finalize` on Finalize, flush + `Metadata` + close 1000 on CloseStream.
 * `model` picks failures: `drop-once` (the first socket dies mid-utterance),
 * `malformed`, `close-1008`, `status-500`, `hang`; a wrong key gets 401.
 */
export async function startDeepgramTestServer(): Promise<DeepgramTestServer> {
  const controlMessages: string[] = [];
  let dropped = false;
  const server = await startTestWsServer({
    decide: (request) => {
      const model = new URL(request.url ?? '/', 'http://x').searchParams.get('model');
      if (request.headers.authorization !== 'Token test-key') {
        return {
          status: 401,
          body: '{"err_code":"INVALID_AUTH","err_msg":"Invalid credentials."}',
        };
      }
      const refusal = listenRefusal(
        new URL(request.url ?? '/', 'http://x').searchParams,
        SCENARIOS,
      );
      if (refusal) return { status: refusal.status, body: JSON.stringify(refusal.body) };
      if (model === 'status-500') return { status: 500, body: '{"err_code":"INTERNAL"}' };
      if (model === 'hang') return 'hang';
      return 'accept';
    },
    onConnection: (socket, request) => {
      const model = new URL(request.url ?? '/', 'http://x').searchParams.get('model') ?? '';
      const dropThisOne = model === 'drop-once' && !dropped;
      if (dropThisOne) dropped = true;
      serve(socket, request, model, dropThisOne, controlMessages);
    },
  });
  return Object.assign(server, { controlMessages });
}

function serve(
  socket: WebSocket,
  request: IncomingMessage,
  model: string,
  drop: boolean,
  control: string[],
): void {
  const rate = Number(
    new URL(request.url ?? '/', 'http://x').searchParams.get('sample_rate') ?? 16_000,
  );
  const frameBytes = (rate * FRAME_MS * 2) / 1_000;
  let pending = Buffer.alloc(0);
  let frame = 0;
  let utterances = 0;
  let words: { word: string; start: number; end: number; confidence: number }[] = [];
  const result = (isFinal: boolean, extra: Record<string, boolean>) => {
    const start = words[0]?.start ?? (frame * FRAME_MS) / 1_000;
    const transcript = words.map((word) => word.word).join(' ');
    socket.send(
      JSON.stringify({
        type: 'Results',
        channel_index: [0, 1],
        start,
        duration: (frame * FRAME_MS) / 1_000 - start,
        is_final: isFinal,
        speech_final: false,
        ...extra,
        channel: {
          alternatives: [
            {
              transcript,
              confidence: 0.93,
              words: words.map((w) => ({ ...w, punctuated_word: w.word })),
            },
          ],
        },
      }),
    );
  };
  socket.on('message', (data: Buffer, isBinary) => {
    if (!isBinary) {
      const text = data.toString();
      control.push(text);
      const { type } = JSON.parse(text) as { type: string };
      if (type === 'Finalize' && words.length > 0) {
        result(true, { from_finalize: true });
        words = [];
      } else if (type === 'CloseStream') {
        if (words.length > 0) result(true, {});
        socket.send(
          JSON.stringify({
            type: 'Metadata',
            request_id: 'req-1',
            duration: (frame * FRAME_MS) / 1_000,
            channels: 1,
          }),
        );
        socket.close(1000);
      }
      return;
    }
    if (model === 'malformed') return socket.send('{"type":"Results",');
    if (model === 'close-1008') return socket.close(1008, 'DATA-0000');
    pending = Buffer.concat([pending, data]);
    while (pending.length >= frameBytes) {
      const value = pending.readInt16LE(0);
      pending = pending.subarray(frameBytes);
      const start = (frame * FRAME_MS) / 1_000;
      frame++;
      if (value > 0) {
        words.push({ word: WORDS[value] ?? '?', start, end: start + 0.09, confidence: 0.93 });
        if (drop && utterances === 1 && words.length === 2) return socket.terminate();
        result(false, {});
      } else if (words.length > 0) {
        result(true, { speech_final: true });
        words = [];
        utterances++;
      }
    }
  });
}
