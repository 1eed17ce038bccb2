import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';
import type { SttInput } from '../../spec/stt.ts';
import { startTestWsServer, type TestWsServer } from '../resilience/test-ws-server.ts';

/** The fake hears one word per 100 ms frame: the frame's sample value picks it, 0 is silence. */
export const WORDS = ['', 'hola', 'dos', 'tres', 'cuatro', 'cinco'];
const FRAME_MS = 100;
/** https://www.assemblyai.com/docs/streaming/universal-streaming (model selection). */
const MODELS = ['universal-streaming-english', 'universal-streaming-multilingual'];
/** Failure scenarios picked by `speech_model`: the session expires at the first audio. */
const SCENARIOS = ['expire'];

export function codedAudio(frames: readonly number[], sampleRate = 16_000): SttInput[] {
  return frames.map((value) => ({
    type: 'audio',
    chunk: { samples: new Int16Array((sampleRate * FRAME_MS) / 1_000).fill(value), sampleRate },
  }));
}

/**
 * A strict local server speaking AssemblyAI's Universal-Streaming v3 WebSocket over
 * coded audio. It refuses what the API refuses: no key (close 1008), a missing or
 * unknown `speech_model` or a missing `sample_rate` (HTTP 400 at the handshake), and
 * audio chunks outside 50–1000 ms (close 3007, "Input duration violation").
 * Docs: https://www.assemblyai.com/docs/streaming/message-sequence and the
 * Universal-Streaming API reference (close codes).
 */
export async function startAssemblyAiTestServer(): Promise<TestWsServer> {
  return startTestWsServer({
    decide: (request) => {
      const query = new URL(request.url ?? '/', 'http://x').searchParams;
      const model = query.get('speech_model') ?? '';
      // speech_model is required: "There is no default model".
      if (!MODELS.includes(model) && !SCENARIOS.includes(model)) {
        return { status: 400, body: JSON.stringify({ error: `Invalid speech_model: '${model}'` }) };
      }
      if (!query.has('sample_rate'))
        return { status: 400, body: '{"error":"sample_rate is required"}' };
      return 'accept';
    },
    onConnection: (socket, request) => serve(socket, request),
  });
}

function serve(socket: WebSocket, request: IncomingMessage): void {
  if (request.headers.authorization !== 'test-key') {
    socket.close(1008, 'Unauthorized connection: Invalid API key');
    return;
  }
  const query = new URL(request.url ?? '/', 'http://x').searchParams;
  const rate = Number(query.get('sample_rate'));
  const model = query.get('speech_model');
  const frameBytes = (rate * FRAME_MS * 2) / 1_000;
  let frame = 0;
  let turn = 0;
  let words: {
    text: string;
    start: number;
    end: number;
    confidence: number;
    word_is_final: boolean;
  }[] = [];
  const send = (message: Record<string, unknown>) => socket.send(JSON.stringify(message));
  const sendTurn = (endOfTurn: boolean) => {
    send({
      type: 'Turn',
      turn_order: turn,
      turn_is_formatted: false,
      end_of_turn: endOfTurn,
      transcript: words.map((w) => w.text).join(' '),
      end_of_turn_confidence: endOfTurn ? 0.91 : 0.02,
      words,
      utterance: '',
    });
    if (endOfTurn) {
      words = [];
      turn++;
    }
  };
  send({ type: 'Begin', id: 'session-1', expires_at: 1_900_000_000 });
  socket.on('message', (data: Buffer, isBinary) => {
    if (!isBinary) {
      const { type } = JSON.parse(data.toString()) as { type: string };
      if (type === 'ForceEndpoint' && words.length > 0) sendTurn(true);
      if (type === 'Terminate') {
        if (words.length > 0) sendTurn(true);
        send({
          type: 'Termination',
          audio_duration_seconds: (frame * FRAME_MS) / 1_000,
          session_duration_seconds: 1,
        });
        socket.close(1000);
      }
      return;
    }
    const ms = (data.length / 2 / rate) * 1_000;
    if (ms < 50 || ms > 1_000) {
      socket.close(
        3007,
        `Input duration violation: ${ms.toFixed(2)} ms. Expected between 50 and 1000 ms`,
      );
      return;
    }
    if (model === 'expire') {
      socket.close(3005, 'Session expired');
      return;
    }
    for (let offset = 0; offset + frameBytes <= data.length; offset += frameBytes) {
      const value = data.readInt16LE(offset);
      const start = frame * FRAME_MS;
      frame++;
      if (value > 0) {
        for (const word of words) word.word_is_final = true;
        words.push({
          text: WORDS[value] ?? '?',
          start,
          end: start + 90,
          confidence: 0.9,
          word_is_final: false,
        });
        sendTurn(false);
      } else if (words.length > 0) {
        for (const word of words) word.word_is_final = true;
        sendTurn(true);
      }
    }
  });
}
