import { int16ToBytes } from '../../audio/pcm.ts';
import { connectWithRetry } from '../resilience/connect-with-retry.ts';
import type { Clock } from '../../spec/clock.ts';
import { AudioFormatError, ProviderError } from '../../spec/errors.ts';
import type { SttModel, SttPart, SttStreamOptions } from '../../spec/stt.ts';
import { untilAborted } from '../../stream/abort.ts';
import { systemClock } from '../../stream/system-clock.ts';
import { toParleyError } from '../resilience/errors.ts';
import type { RetryOptions } from '../resilience/retry.ts';
import { stopOnAbort } from '../resilience/stop-on-abort.ts';
import type { WsConnection } from '../resilience/ws.ts';
import { vendorLanguage } from '../shared/languages.ts';
import { listenUrl } from './listen-url.ts';
import { AudioReplayBuffer } from './replay-buffer.ts';
import { TranscriptAssembler } from './results.ts';

export interface DeepgramSttOptions {
  readonly apiKey: string;
  /** Default `nova-3`. */
  readonly model?: string;
  /** Default `en-US`; a stream's `language` overrides it. */
  readonly language?: string;
  /** Default `wss://api.deepgram.com` (a `ws://` URL for tests). */
  readonly baseUrl?: string;
  /** Silence that ends a segment with `speech_final`. Default 300. */
  readonly endpointingMs?: number;
  /** Gap in words that sends `UtteranceEnd`. Default 1000 (the API's minimum). */
  readonly utteranceEndMs?: number;
  /** Idle time after which a KeepAlive is sent (Deepgram closes after ~10 s). Default 4000. */
  readonly keepAliveMs?: number;
  readonly smartFormat?: boolean;
  /** Audio kept for replay after a dropped socket. Default 30 000. */
  readonly replayMs?: number;
  /** Reconnects allowed between two finals. Default 3. */
  readonly maxReconnects?: number;
  /** Handshake timeout. Default 10 000. */
  readonly timeoutMs?: number;
  readonly retry?: Omit<RetryOptions, 'signal' | 'clock'>;
  readonly clock?: Clock;
  /** Called when a dropped socket is replaced (for logs and metrics). */
  readonly onReconnect?: (info: { attempt: number; replayMs: number; closeCode: number }) => void;
}

const KEEP_ALIVE = JSON.stringify({ type: 'KeepAlive' });
const FINALIZE = JSON.stringify({ type: 'Finalize' });
const CLOSE_STREAM = JSON.stringify({ type: 'CloseStream' });

/** Deepgram live transcription over WebSocket, with keepalive and replay on reconnect. */
export function createDeepgramStt(options: DeepgramSttOptions): SttModel {
  return {
    provider: 'deepgram',
    model: options.model ?? 'nova-3',
    capabilities: { streaming: true, interimResults: true, wordTimings: true, languages: ['*'] },
    stream: (streamOptions) =>
      stopOnAbort(streamDeepgram(options, streamOptions), streamOptions.signal),
  };
}

async function* streamDeepgram(
  options: DeepgramSttOptions,
  streamOptions: SttStreamOptions,
): AsyncGenerator<SttPart> {
  const { signal, sampleRate } = streamOptions;
  if (signal.aborted) return;
  const clock = options.clock ?? systemClock;
  const keepAliveMs = options.keepAliveMs ?? 4_000;
  const maxReconnects = options.maxReconnects ?? 3;
  let language: string;
  try {
    language = vendorLanguage('deepgram', streamOptions.language ?? options.language ?? 'en-US');
  } catch (error) {
    yield { type: 'error', error: toParleyError(error, 'deepgram') };
    return;
  }
  const url = listenUrl({
    baseUrl: options.baseUrl ?? 'wss://api.deepgram.com',
    model: options.model ?? 'nova-3',
    language,
    sampleRate,
    endpointingMs: options.endpointingMs ?? 300,
    utteranceEndMs: options.utteranceEndMs ?? 1_000,
    smartFormat: options.smartFormat ?? true,
    vocabulary: streamOptions.vocabulary,
  });
  const stop = new AbortController();
  const onAbort = (): void => stop.abort();
  signal.addEventListener('abort', onAbort, { once: true });
  const replay = new AudioReplayBuffer(options.replayMs ?? 30_000);
  const assembler = new TranscriptAssembler();
  let current: WsConnection | undefined;
  let offsetMs = 0;
  let inputDone = false;
  let pumpError: unknown;
  let lastSendMs = clock.now();
  const send = (data: string | Uint8Array): void => {
    current?.send(data);
    lastSendMs = clock.now();
  };
  const connect = (): Promise<WsConnection> =>
    connectWithRetry(options, {
      provider: 'deepgram',
      url,
      headers: { authorization: `Token ${options.apiKey}` },
      signal: stop.signal,
    });
  const attach = (connection: WsConnection): void => {
    offsetMs = replay.startMs;
    for (const bytes of replay.chunks()) connection.send(bytes);
    current = connection;
    if (inputDone) send(CLOSE_STREAM);
  };
  let cancelKeepAlive = (): void => undefined;
  const keepAlive = (): void => {
    if (clock.now() - lastSendMs >= keepAliveMs / 2) send(KEEP_ALIVE);
    cancelKeepAlive = clock.setTimer(keepAliveMs / 2, keepAlive);
  };
  cancelKeepAlive = clock.setTimer(keepAliveMs / 2, keepAlive);

  void (async () => {
    for await (const input of untilAborted(streamOptions.audio, stop.signal)) {
      if (input.type === 'finalize') {
        send(FINALIZE);
        continue;
      }
      if (input.chunk.sampleRate !== sampleRate) {
        throw new AudioFormatError(
          `deepgram: chunk at ${input.chunk.sampleRate} Hz in a ${sampleRate} Hz stream`,
        );
      }
      const bytes = int16ToBytes(input.chunk.samples).slice();
      replay.push(bytes, (input.chunk.samples.length * 1_000) / sampleRate);
      send(bytes);
    }
    if (stop.signal.aborted) return;
    inputDone = true;
    send(CLOSE_STREAM);
  })().catch((error: unknown) => {
    pumpError = error;
    current?.close(true);
  });

  let connection: WsConnection | undefined;
  let reconnects = 0;
  try {
    connection = await connect();
    attach(connection);
    for (;;) {
      let closeCode = 1006;
      for await (const event of connection.events) {
        if (signal.aborted) return;
        if (event.type === 'close') {
          closeCode = event.code;
          break;
        }
        if (event.type !== 'text') continue;
        for (const part of assembler.push(event.data, offsetMs)) {
          if (part.type === 'final') reconnects = 0;
          yield part;
        }
        replay.trimBefore(assembler.finalizedUntilMs);
      }
      current = undefined;
      if (signal.aborted) return;
      if (pumpError !== undefined) throw toParleyError(pumpError, 'deepgram');
      if (inputDone && closeCode === 1000) {
        yield* assembler.flush();
        return;
      }
      if (closeCode === 1008 || reconnects >= maxReconnects) {
        throw new ProviderError(`deepgram: socket closed (${closeCode})`, {
          provider: 'deepgram',
          retryable: closeCode !== 1008,
          cause: new Error(`close ${closeCode}`),
        });
      }
      reconnects++;
      assembler.dropPending();
      options.onReconnect?.({
        attempt: reconnects,
        replayMs: replay.endMs - replay.startMs,
        closeCode,
      });
      connection = await connect();
      attach(connection);
    }
  } catch (error) {
    if (signal.aborted) return;
    yield { type: 'error', error: toParleyError(error, 'deepgram') };
  } finally {
    signal.removeEventListener('abort', onAbort);
    stop.abort();
    cancelKeepAlive();
    current = undefined;
    connection?.close();
  }
}
