import { randomUUID } from 'node:crypto';
import type { Clock } from '../../spec/clock.ts';
import { ProviderError } from '../../spec/errors.ts';
import type { TtsModel, TtsPart, TtsStreamOptions } from '../../spec/tts.ts';
import { untilAborted } from '../../stream/abort.ts';
import { toParleyError } from '../resilience/errors.ts';
import { PcmByteDecoder } from '../resilience/pcm-chunks.ts';
import { withRetry, type RetryOptions } from '../resilience/retry.ts';
import { stopOnAbort } from '../resilience/stop-on-abort.ts';
import { connectWebSocket, type WsConnection } from '../resilience/ws.ts';
import { VENDOR_LANGUAGES, vendorLanguage } from '../shared/languages.ts';
import { parseCartesiaMessage } from './messages.ts';
import { CARTESIA_RATES } from './rules.ts';

export interface CartesiaTtsOptions {
  readonly apiKey: string;
  /** Default: the catalogue's first voice; a stream's `voice` overrides it. */
  readonly voiceId?: string;
  /** Default `sonic-2`. */
  readonly modelId?: string;
  /** Default `wss://api.cartesia.ai`. */
  readonly baseUrl?: string;
  /** The `Cartesia-Version` header. Default `2025-04-16`. */
  readonly version?: string;
  /** Default `en`; a stream's `language` overrides it. */
  readonly language?: string;
  /** Handshake timeout. Default 10 000. */
  readonly timeoutMs?: number;
  readonly retry?: Omit<RetryOptions, 'signal' | 'clock'>;
  readonly clock?: Clock;
}

const DEFAULT_VOICE = '694f9389-aac1-45b6-b726-9d9369183238';

/**
 * Cartesia Sonic over its TTS WebSocket: one context per stream, each text chunk a
 * continuation (`continue: true`) flushed so its audio and word timestamps come at
 * once; `flush_done` closes the chunk's segment; abort cancels the context.
 */
export function createCartesiaTts(options: CartesiaTtsOptions): TtsModel {
  const modelId = options.modelId ?? 'sonic-2';
  return {
    provider: 'cartesia',
    model: modelId,
    capabilities: {
      streaming: true,
      wordTimings: true,
      sampleRates: CARTESIA_RATES,
      languages: [...VENDOR_LANGUAGES.cartesia],
    },
    stream: (streamOptions) =>
      stopOnAbort(streamCartesia(options, modelId, streamOptions), streamOptions.signal),
  };
}

async function* streamCartesia(
  options: CartesiaTtsOptions,
  modelId: string,
  streamOptions: TtsStreamOptions,
): AsyncGenerator<TtsPart> {
  const { signal } = streamOptions;
  if (signal.aborted) return;
  const rate = CARTESIA_RATES.includes(streamOptions.sampleRate)
    ? streamOptions.sampleRate
    : 24_000;
  const contextId = randomUUID();
  const stop = new AbortController();
  let connection: WsConnection | undefined;
  let finished = false;
  /** A barge-in: tell the vendor to drop what it still has queued, then close. */
  const cancelRemote = (): void => {
    if (!finished && connection?.socket.readyState === 1)
      connection.send(JSON.stringify({ context_id: contextId, cancel: true }));
    connection?.close();
  };
  // The handshake alone follows the caller's signal; once open, an abort cancels politely.
  const handshake = new AbortController();
  const onAbort = (): void => {
    stop.abort();
    // connectWebSocket terminates its socket when its signal aborts, even once open.
    if (connection === undefined) handshake.abort();
    else cancelRemote();
  };
  signal.addEventListener('abort', onAbort, { once: true });
  let pumpError: unknown;
  /** Input chunks in order; `flushed` once their audio is complete. */
  const segments: { text: string; sent: boolean }[] = [];
  try {
    const language = vendorLanguage('cartesia', streamOptions.language ?? options.language ?? 'en');
    const base = {
      model_id: modelId,
      voice: { mode: 'id', id: streamOptions.voice ?? options.voiceId ?? DEFAULT_VOICE },
      language,
      context_id: contextId,
      output_format: { container: 'raw', encoding: 'pcm_s16le', sample_rate: rate },
      add_timestamps: true,
    };
    const baseUrl = (options.baseUrl ?? 'wss://api.cartesia.ai').replace(/\/+$/, '');
    connection = await withRetry(
      () =>
        connectWebSocket({
          provider: 'cartesia',
          url: `${baseUrl}/tts/websocket`,
          headers: {
            'X-API-Key': options.apiKey,
            'Cartesia-Version': options.version ?? '2025-04-16',
          },
          signal: handshake.signal,
          timeoutMs: options.timeoutMs ?? 10_000,
          clock: options.clock,
        }),
      { ...options.retry, signal: handshake.signal, clock: options.clock },
    );
    if (signal.aborted) return;
    const open = connection;
    void (async () => {
      for await (const text of untilAborted(streamOptions.text, stop.signal)) {
        const sent = text.trim() !== '';
        segments.push({ text, sent });
        if (sent)
          open.send(
            JSON.stringify({ ...base, transcript: `${text.trim()} `, continue: true, flush: true }),
          );
      }
      if (!stop.signal.aborted)
        open.send(JSON.stringify({ ...base, transcript: '', continue: false }));
    })().catch((error: unknown) => {
      // After an abort, cancelRemote closes politely; a forced close would drop the cancel.
      if (stop.signal.aborted) return;
      pumpError = error;
      open.close(true);
    });

    const decoder = new PcmByteDecoder(rate, streamOptions.sampleRate);
    let ended = 0;
    /** Segment ends up to and including the next sent one (or all, at `done`). */
    const endSegments = function* (all: boolean): Generator<TtsPart> {
      const tail = decoder.flush();
      if (tail) yield { type: 'audio', chunk: tail };
      let flushedOne = false;
      while (ended < segments.length) {
        const segment = segments[ended];
        if (!segment || (segment.sent && flushedOne && !all)) return;
        if (segment.sent) flushedOne = true;
        ended++;
        yield { type: 'segment-end', text: segment.text };
      }
    };
    for await (const event of connection.events) {
      if (signal.aborted) return;
      if (event.type === 'error') throw event.error;
      if (event.type === 'binary') continue;
      if (event.type === 'close') {
        if (pumpError !== undefined) throw toParleyError(pumpError, 'cartesia');
        throw new ProviderError(
          `cartesia: socket closed before the context was done (${event.code})`,
          {
            provider: 'cartesia',
            retryable: event.code !== 1008,
            cause: new Error(event.reason || `close ${event.code}`),
          },
        );
      }
      const message = parseCartesiaMessage(event.data);
      if (message.kind === 'other' || message.contextId !== contextId) continue;
      if (message.kind === 'error') throw message.error;
      if (message.kind === 'audio') {
        const chunk = decoder.push(message.pcm);
        if (chunk) yield { type: 'audio', chunk };
      } else if (message.kind === 'words') {
        for (const word of message.words) yield { type: 'word', ...word };
      } else if (message.kind === 'flush-done') {
        yield* endSegments(false);
      } else {
        yield* endSegments(true);
        finished = true;
        return;
      }
    }
  } catch (error) {
    if (signal.aborted) return;
    yield { type: 'error', error: toParleyError(error, 'cartesia') };
  } finally {
    signal.removeEventListener('abort', onAbort);
    stop.abort();
    cancelRemote();
  }
}
