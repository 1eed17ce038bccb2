import type { Clock } from '../../spec/clock.ts';
import { ProtocolError, ProviderError } from '../../spec/errors.ts';
import type { TtsModel, TtsPart, TtsStreamOptions } from '../../spec/tts.ts';
import { untilAborted } from '../../stream/abort.ts';
import { toParleyError } from '../resilience/errors.ts';
import { PcmByteDecoder } from '../resilience/pcm-chunks.ts';
import { withRetry, type RetryOptions } from '../resilience/retry.ts';
import { stopOnAbort } from '../resilience/stop-on-abort.ts';
import { connectWebSocket, type WsConnection } from '../resilience/ws.ts';
import { AURA_LINEAR16_RATES } from './rules.ts';

export interface DeepgramAuraStreamTtsOptions {
  readonly apiKey: string;
  /** A voice model, default `aura-2-thalia-en`; a stream's `voice` option overrides it. */
  readonly model?: string;
  /** Default `wss://api.deepgram.com`. */
  readonly baseUrl?: string;
  /** Handshake timeout. Default 10 000. */
  readonly timeoutMs?: number;
  readonly retry?: Omit<RetryOptions, 'signal' | 'clock'>;
  readonly clock?: Clock;
}

/**
 * Deepgram Aura over its streaming WebSocket (`/v1/speak`,
 * https://developers.deepgram.com/docs/streaming-text-to-speech): one socket per stream,
 * each text chunk a `Speak` then `Flush`; binary linear16 audio comes back and each
 * `Flushed` closes its chunk's segment; the end sends `Close`, an abort `Clear`.
 */
export function createDeepgramAuraStreamTts(options: DeepgramAuraStreamTtsOptions): TtsModel {
  const model = options.model ?? 'aura-2-thalia-en';
  return {
    provider: 'deepgram',
    model,
    capabilities: {
      streaming: true,
      wordTimings: false,
      sampleRates: AURA_LINEAR16_RATES,
      languages: ['en', 'es'],
    },
    stream: (streamOptions) =>
      stopOnAbort(streamAura(options, model, streamOptions), streamOptions.signal),
  };
}

async function* streamAura(
  options: DeepgramAuraStreamTtsOptions,
  model: string,
  streamOptions: TtsStreamOptions,
): AsyncGenerator<TtsPart> {
  const { signal } = streamOptions;
  if (signal.aborted) return;
  const rate = AURA_LINEAR16_RATES.includes(streamOptions.sampleRate)
    ? streamOptions.sampleRate
    : 24_000;
  const stop = new AbortController();
  let connection: WsConnection | undefined;
  let finished = false;
  /** A barge-in: tell the vendor to drop what it still has queued, then close. */
  const cancelRemote = (): void => {
    if (!finished && connection?.socket.readyState === 1)
      connection.send(JSON.stringify({ type: 'Clear' }));
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
  const segments: { text: string; sent: boolean }[] = [];
  let inputDone = false;
  try {
    const query = new URLSearchParams({
      model: streamOptions.voice ?? model,
      encoding: 'linear16',
      sample_rate: String(rate),
    });
    const baseUrl = (options.baseUrl ?? 'wss://api.deepgram.com').replace(/\/+$/, '');
    connection = await withRetry(
      () =>
        connectWebSocket({
          provider: 'deepgram',
          url: `${baseUrl}/v1/speak?${query}`,
          headers: { authorization: `Token ${options.apiKey}` },
          signal: handshake.signal,
          timeoutMs: options.timeoutMs ?? 10_000,
          clock: options.clock,
        }),
      { ...options.retry, signal: handshake.signal, clock: options.clock },
    );
    if (signal.aborted) return;
    const open = connection;
    let ended = 0;
    let flushesPending = 0;
    const decoder = new PcmByteDecoder(rate, streamOptions.sampleRate);
    void (async () => {
      for await (const text of untilAborted(streamOptions.text, stop.signal)) {
        const sent = text.trim() !== '';
        segments.push({ text, sent });
        if (sent) {
          flushesPending++;
          open.send(JSON.stringify({ type: 'Speak', text }));
          open.send(JSON.stringify({ type: 'Flush' }));
        }
      }
      inputDone = true;
      if (!stop.signal.aborted && flushesPending === 0)
        open.send(JSON.stringify({ type: 'Close' }));
    })().catch((error: unknown) => {
      // After an abort, cancelRemote closes politely; a forced close would drop the cancel.
      if (stop.signal.aborted) return;
      pumpError = error;
      open.close(true);
    });
    /** Segment ends up to and including the next sent segment (all of them at the end). */
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
      if (event.type === 'binary') {
        const chunk = decoder.push(event.data);
        if (chunk) yield { type: 'audio', chunk };
        continue;
      }
      if (event.type === 'close') {
        if (pumpError !== undefined) throw toParleyError(pumpError, 'deepgram');
        if (inputDone && flushesPending === 0 && event.code === 1000) {
          yield* endSegments(true);
          finished = true;
          return;
        }
        throw new ProviderError(`deepgram aura: socket closed (${event.code} ${event.reason})`, {
          provider: 'deepgram',
          retryable: event.code !== 1008,
          cause: new Error(event.reason || `close ${event.code}`),
        });
      }
      let message: { type?: string; description?: string; err_msg?: string };
      try {
        message = JSON.parse(event.data) as typeof message;
      } catch (error) {
        throw new ProtocolError('deepgram aura: malformed message', { cause: error });
      }
      if (message.type === 'Error') {
        throw new ProviderError(
          `deepgram aura: ${message.description ?? message.err_msg ?? 'error'}`,
          {
            provider: 'deepgram',
            retryable: false,
            cause: message,
          },
        );
      }
      if (message.type === 'Flushed') {
        flushesPending--;
        yield* endSegments(false);
        if (inputDone && flushesPending === 0) connection.send(JSON.stringify({ type: 'Close' }));
      }
    }
  } catch (error) {
    if (signal.aborted) return;
    yield { type: 'error', error: toParleyError(error, 'deepgram') };
  } finally {
    signal.removeEventListener('abort', onAbort);
    stop.abort();
    cancelRemote();
  }
}
