import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';
import type { SttInput } from '../../spec/stt.ts';
import { startTestWsServer, type TestWsServer } from '../resilience/test-ws-server.ts';
import { STT_LANGUAGES } from './languages.ts';
import { TEST_API_KEY } from './tts-test-server.ts';

/** The fake recogniser hears one Hindi number word per 100 ms frame: the frame's sample value picks it. */
export const WORDS = ['', 'एक', 'दो', 'तीन', 'चार', 'पाँच', 'छह', 'सात', 'आठ', 'नौ'];
const FRAME_MS = 100;

/** 100 ms frames at `sampleRate`: a word id per frame, 0 for silence. */
export function codedAudio(frames: readonly number[], sampleRate = 16_000): SttInput[] {
  return frames.map((value) => ({
    type: 'audio',
    chunk: { samples: new Int16Array((sampleRate * FRAME_MS) / 1_000).fill(value), sampleRate },
  }));
}

// From the official `sarvamai` SDK's streaming types and
// https://docs.sarvam.ai/api-reference-docs/speech-to-text/transcribe/ws
const MODELS = ['saaras:v3', 'saaras:v4'];
const MODES = ['transcribe', 'translate', 'verbatim', 'translit', 'codemix'];
const CODECS = ['wav', 'pcm_s16le', 'pcm_l16', 'pcm_raw'];
const RATES = ['8000', '16000'];

export interface SarvamSttTestServer extends TestWsServer {
  /** Control messages received (flush), in order. */
  readonly controlMessages: string[];
}

const refusal = (message: string) => ({
  status: 400,
  body: JSON.stringify({ error: { message, code: 'invalid_request_error' } }),
});

/**
 * A strict local Saaras streaming socket over coded audio. It refuses at the handshake a bad
 * key (403), an unknown model, mode, codec, connection rate or language (400 with Sarvam's
 * error envelope); it answers an audio message whose rate differs from the connection's, or
 * whose encoding is not `audio/wav`, with an `error` message. Server VAD: a silent frame
 * after words sends END_SPEECH and the segment's transcript; `flush` transcribes what is
 * pending. Model `close-1008` closes at the first audio.
 */
export async function startSarvamSttTestServer(): Promise<SarvamSttTestServer> {
  const controlMessages: string[] = [];
  const server = await startTestWsServer({
    decide: (request) => {
      if (request.headers['api-subscription-key'] !== TEST_API_KEY) {
        return {
          status: 403,
          body: '{"error":{"message":"Invalid API key","code":"invalid_api_key_error"}}',
        };
      }
      const query = new URL(request.url ?? '/', 'http://x').searchParams;
      const language = query.get('language-code');
      if (language === null) return refusal('language-code is required');
      if (language !== 'unknown' && !(STT_LANGUAGES as readonly string[]).includes(language)) {
        return refusal(`Unsupported language-code: ${language}`);
      }
      const model = query.get('model') ?? 'saaras:v3';
      if (model !== 'close-1008' && !MODELS.includes(model))
        return refusal(`Unsupported model: ${model}`);
      if (!MODES.includes(query.get('mode') ?? 'transcribe'))
        return refusal(`Unsupported mode: ${query.get('mode')}`);
      if (!CODECS.includes(query.get('input_audio_codec') ?? 'wav')) {
        return refusal(`Unsupported input_audio_codec: ${query.get('input_audio_codec')}`);
      }
      if (!RATES.includes(query.get('sample_rate') ?? '16000')) {
        return refusal(`Unsupported sample_rate: ${query.get('sample_rate')}`);
      }
      return 'accept';
    },
    onConnection: (socket, request) => serve(socket, request, controlMessages),
  });
  return Object.assign(server, { controlMessages });
}

function serve(socket: WebSocket, request: IncomingMessage, control: string[]): void {
  const query = new URL(request.url ?? '/', 'http://x').searchParams;
  const rate = Number(query.get('sample_rate') ?? 16_000);
  const vadSignals = query.get('vad_signals') === 'true';
  const frameSamples = (rate * FRAME_MS) / 1_000;
  let pending = new Int16Array(0);
  let words: string[] = [];
  let frame = 0;
  const transcript = (): void => {
    socket.send(
      JSON.stringify({
        type: 'data',
        data: {
          request_id: `req-${frame}`,
          transcript: words.join(' '),
          language_code: query.get('language-code'),
          metrics: { audio_duration: (frame * FRAME_MS) / 1_000, processing_latency: 0.05 },
        },
      }),
    );
    words = [];
  };
  const event = (signal: 'START_SPEECH' | 'END_SPEECH'): void => {
    if (vadSignals)
      socket.send(
        JSON.stringify({ type: 'events', data: { signal_type: signal, occured_at: Date.now() } }),
      );
  };
  socket.on('message', (raw: Buffer) => {
    const message = JSON.parse(raw.toString()) as {
      type?: string;
      audio?: { data?: string; sample_rate?: number; encoding?: string };
    };
    if (message.type === 'flush') {
      control.push('flush');
      if (query.get('flush_signal') !== 'true') return;
      if (words.length > 0) {
        event('END_SPEECH');
        transcript();
      }
      return;
    }
    if (query.get('model') === 'close-1008') return socket.close(1008, 'policy');
    const audio = message.audio;
    if (!audio || typeof audio.data !== 'string') {
      return socket.send(
        JSON.stringify({
          type: 'error',
          data: { error: 'Expected an audio message', code: 'invalid_request_error' },
        }),
      );
    }
    if (audio.encoding !== 'audio/wav' || audio.sample_rate !== rate) {
      return socket.send(
        JSON.stringify({
          type: 'error',
          data: {
            error: `Audio message must be audio/wav at the connection's sample_rate ${rate}`,
            code: 'invalid_request_error',
          },
        }),
      );
    }
    const bytes = Buffer.from(audio.data, 'base64');
    const samples = new Int16Array(bytes.buffer, bytes.byteOffset, bytes.length / 2);
    const joined = new Int16Array(pending.length + samples.length);
    joined.set(pending);
    joined.set(samples, pending.length);
    let offset = 0;
    while (joined.length - offset >= frameSamples) {
      const value = joined[offset] ?? 0;
      offset += frameSamples;
      frame++;
      if (value > 0) {
        if (words.length === 0) event('START_SPEECH');
        words.push(WORDS[value] ?? '?');
      } else if (words.length > 0) {
        event('END_SPEECH');
        transcript();
      }
    }
    pending = joined.slice(offset);
  });
}
