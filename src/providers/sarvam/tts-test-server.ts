import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';
import { startTestWsServer, type TestWsServer } from '../resilience/test-ws-server.ts';
import { PACE_RANGE, SPEAKERS, TTS_LANGUAGES } from './languages.ts';

/** Milliseconds of audio the fake voice spends on each character. */
export const MS_PER_CHAR = 40;
export const TEST_API_KEY = 'test-sarvam-key';

// https://docs.sarvam.ai/api-reference-docs/text-to-speech/stream (speech_sample_rate)
const RATES = [8_000, 16_000, 22_050, 24_000];
// https://docs.sarvam.ai/api-reference-docs/api-guides-tutorials/text-to-speech/how-to/set-audio-format-for-output
const CODECS = ['mp3', 'aac', 'alaw', 'flac', 'linear16', 'mulaw', 'opus', 'wav'];
// https://docs.sarvam.ai/api/api-guides-tutorials/text-to-speech/which-api-to-use (2500 per message)
const MAX_TEXT_CHARS = 2_500;

export interface SarvamTtsTestServer extends TestWsServer {
  /** Config messages received, in order. */
  readonly configs: Record<string, unknown>[];
}

/**
 * A strict local Bulbul streaming socket. It refuses a bad key at the handshake (403 with
 * Sarvam's error envelope), an unknown model, and — as `error` messages, as the real socket
 * does — a first message that is not `config`, an unknown language or speaker (or one from
 * another model), a pace outside the model's range, an unsupported rate or codec, text over
 * 2,500 characters. Flushed text becomes linear16 audio (40 ms a character) in two
 * messages, then a `final` event. Speaker `drop` terminates the socket after first audio.
 */
export async function startSarvamTtsTestServer(): Promise<SarvamTtsTestServer> {
  const configs: Record<string, unknown>[] = [];
  const server = await startTestWsServer({
    decide: (request) => {
      if (request.headers['api-subscription-key'] !== TEST_API_KEY) {
        return {
          status: 403,
          body: '{"error":{"message":"Invalid API key","code":"invalid_api_key_error"}}',
        };
      }
      const model =
        new URL(request.url ?? '/', 'http://x').searchParams.get('model') ?? 'bulbul:v2';
      if (!(model in SPEAKERS)) {
        return {
          status: 400,
          body: `{"error":{"message":"Unsupported model: ${model}","code":"invalid_request_error"}}`,
        };
      }
      return 'accept';
    },
    onConnection: (socket, request) => serve(socket, request, configs),
  });
  return Object.assign(server, { configs });
}

function serve(
  socket: WebSocket,
  request: IncomingMessage,
  configs: Record<string, unknown>[],
): void {
  const url = new URL(request.url ?? '/', 'http://x');
  const model = url.searchParams.get('model') ?? 'bulbul:v2';
  const completionEvents = url.searchParams.get('send_completion_event') === 'true';
  let config: Record<string, unknown> | undefined;
  let buffer = '';
  const refuse = (message: string): void => {
    socket.send(JSON.stringify({ type: 'error', data: { message, code: 422 } }));
    socket.close(1008, 'invalid config');
  };
  socket.on('message', (raw: Buffer) => {
    const message = JSON.parse(raw.toString()) as { type?: string; data?: Record<string, unknown> };
    if (!config) {
      if (message.type !== 'config') return refuse('The first message must be a config message');
      const data = message.data ?? {};
      const problem = configProblem(model, data);
      if (problem) return refuse(problem);
      configs.push(data);
      config = data;
      return;
    }
    if (message.type === 'ping') return;
    if (message.type === 'config') return;
    if (message.type === 'text') {
      const raw = message.data?.['text'];
      const text = typeof raw === 'string' ? raw : '';
      if (text.length > MAX_TEXT_CHARS) {
        return refuse(`Text exceeds the maximum of ${MAX_TEXT_CHARS} characters per message`);
      }
      buffer += text;
      return;
    }
    if (message.type === 'flush') {
      speak(
        socket,
        buffer,
        Number(config['speech_sample_rate'] ?? 22_050),
        String(config['speaker']),
      );
      buffer = '';
      if (completionEvents && socket.readyState === socket.OPEN) {
        socket.send(JSON.stringify({ type: 'event', data: { event_type: 'final' } }));
      }
    }
  });
}

function configProblem(model: string, data: Record<string, unknown>): string | undefined {
  const language = data['language_code'] ?? data['target_language_code'];
  if (typeof language !== 'string' || !(TTS_LANGUAGES as readonly string[]).includes(language)) {
    return `Invalid language_code: ${String(language)}. Supported: ${TTS_LANGUAGES.join(', ')}`;
  }
  const speaker = data['speaker'];
  if (speaker !== 'drop' && (typeof speaker !== 'string' || !SPEAKERS[model]?.includes(speaker))) {
    return `Speaker ${String(speaker)} is not compatible with model ${model}`;
  }
  const pace = data['pace'] ?? 1;
  const [min, max] = PACE_RANGE[model] ?? [0.5, 2];
  if (typeof pace !== 'number' || pace < min || pace > max) {
    return `pace must be between ${min} and ${max} for ${model}`;
  }
  const rate = data['speech_sample_rate'] ?? 22_050;
  if (typeof rate !== 'number' || !RATES.includes(rate))
    return `Unsupported speech_sample_rate: ${JSON.stringify(rate)}`;
  const codec = data['output_audio_codec'] ?? 'mp3';
  if (typeof codec !== 'string' || !CODECS.includes(codec))
    return `Unsupported output_audio_codec: ${JSON.stringify(codec)}`;
  return undefined;
}

function speak(socket: WebSocket, text: string, rate: number, speaker: string): void {
  const chars = [...text];
  const half = Math.ceil(chars.length / 2);
  for (const part of [chars.slice(0, half), chars.slice(half)]) {
    if (part.length === 0 || socket.readyState !== socket.OPEN) continue;
    const samples = Math.round((part.length * MS_PER_CHAR * rate) / 1_000);
    const pcm = Buffer.alloc(samples * 2);
    for (let i = 0; i < samples; i++) pcm.writeInt16LE(Math.round(4_000 * Math.sin(i / 7)), i * 2);
    socket.send(
      JSON.stringify({
        type: 'audio',
        data: { audio: pcm.toString('base64'), content_type: 'audio/L16' },
      }),
    );
    if (speaker === 'drop') return socket.terminate();
  }
}
