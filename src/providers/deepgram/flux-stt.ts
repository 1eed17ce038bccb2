import { int16ToBytes } from '../../audio/pcm.ts';
import type { Clock } from '../../spec/clock.ts';
import { AudioFormatError, ProviderError } from '../../spec/errors.ts';
import type { SttModel, SttPart, SttStreamOptions } from '../../spec/stt.ts';
import { untilAborted } from '../../stream/abort.ts';
import { toParleyError } from '../resilience/errors.ts';
import { withRetry, type RetryOptions } from '../resilience/retry.ts';
import { stopOnAbort } from '../resilience/stop-on-abort.ts';
import { connectWebSocket, type WsConnection } from '../resilience/ws.ts';
import { vendorLanguage } from '../shared/languages.ts';
import { parseFluxMessage } from './flux-events.ts';

export interface DeepgramFluxSttOptions {
  readonly apiKey: string;
  /** Default `flux-general-en`. */
  readonly model?: string;
  /** Default `wss://api.deepgram.com`. */
  readonly baseUrl?: string;
  /** End-of-turn confidence that ends a turn, 0.5–1.0. Default 0.7 (the API's). */
  readonly eotThreshold?: number;
  /** Enables `EagerEndOfTurn` interims at this confidence, 0.3–0.9. */
  readonly eagerEotThreshold?: number;
  /** Silence that ends a turn whatever the confidence, 500–60 000. Default 5000. */
  readonly eotTimeoutMs?: number;
  readonly timeoutMs?: number;
  readonly retry?: Omit<RetryOptions, 'signal' | 'clock'>;
  readonly clock?: Clock;
}

/**
 * Deepgram Flux (`/v2/listen`): streaming STT with the model's own turn detection.
 * Finals carry `endOfTurn` (its confidence) and, with `eagerEotThreshold`, interims
 * may carry `endOfTurn.eager`: extra signals for Parley's end-of-turn decision.
 * `finalize` sends ForceEndTurn; the end of audio sends CloseStream.
 */
export function createDeepgramFluxStt(options: DeepgramFluxSttOptions): SttModel {
  const model = options.model ?? 'flux-general-en';
  return {
    provider: 'deepgram',
    model,
    capabilities: {
      streaming: true,
      interimResults: true,
      wordTimings: false,
      endOfTurn: true,
      languages: ['en'],
    },
    stream: (streamOptions) =>
      stopOnAbort(streamFlux(options, model, streamOptions), streamOptions.signal),
  };
}

function fluxUrl(options: DeepgramFluxSttOptions, model: string, sampleRate: number): string {
  const query = new URLSearchParams({
    model,
    encoding: 'linear16',
    sample_rate: String(sampleRate),
    eot_threshold: String(options.eotThreshold ?? 0.7),
    eot_timeout_ms: String(options.eotTimeoutMs ?? 5_000),
  });
  if (options.eagerEotThreshold !== undefined)
    query.set('eager_eot_threshold', String(options.eagerEotThreshold));
  return `${(options.baseUrl ?? 'wss://api.deepgram.com').replace(/\/+$/, '')}/v2/listen?${query}`;
}

async function* streamFlux(
  options: DeepgramFluxSttOptions,
  model: string,
  streamOptions: SttStreamOptions,
): AsyncGenerator<SttPart> {
  const { signal, sampleRate } = streamOptions;
  if (signal.aborted) return;
  const stop = new AbortController();
  const onAbort = (): void => stop.abort();
  signal.addEventListener('abort', onAbort, { once: true });
  let connection: WsConnection | undefined;
  let pumpError: unknown;
  let inputDone = false;
  try {
    vendorLanguage('deepgram-flux', streamOptions.language ?? 'en');
    connection = await withRetry(
      () =>
        connectWebSocket({
          provider: 'deepgram',
          url: fluxUrl(options, model, sampleRate),
          headers: { authorization: `Token ${options.apiKey}` },
          signal: stop.signal,
          timeoutMs: options.timeoutMs ?? 10_000,
          clock: options.clock,
        }),
      { ...options.retry, signal: stop.signal, clock: options.clock },
    );
    const open = connection;
    void (async () => {
      for await (const input of untilAborted(streamOptions.audio, stop.signal)) {
        if (input.type === 'finalize') {
          open.send(JSON.stringify({ type: 'ForceEndTurn' }));
          continue;
        }
        if (input.chunk.sampleRate !== sampleRate) {
          throw new AudioFormatError(
            `deepgram flux: chunk at ${input.chunk.sampleRate} Hz in a ${sampleRate} Hz stream`,
          );
        }
        open.send(int16ToBytes(input.chunk.samples).slice());
      }
      if (stop.signal.aborted) return;
      inputDone = true;
      open.send(JSON.stringify({ type: 'CloseStream' }));
    })().catch((error: unknown) => {
      pumpError = error;
      open.close(true);
    });
    for await (const event of connection.events) {
      if (signal.aborted) return;
      if (event.type === 'error') throw event.error;
      if (event.type === 'close') {
        if (pumpError !== undefined) throw toParleyError(pumpError, 'deepgram');
        if (inputDone && event.code === 1000) return;
        throw new ProviderError(`deepgram flux: socket closed (${event.code} ${event.reason})`, {
          provider: 'deepgram',
          retryable: event.code !== 1008,
          cause: new Error(event.reason || `close ${event.code}`),
        });
      }
      if (event.type !== 'text') continue;
      const message = parseFluxMessage(event.data);
      if (message.kind === 'part') yield message.part;
    }
  } catch (error) {
    if (signal.aborted) return;
    yield { type: 'error', error: toParleyError(error, 'deepgram') };
  } finally {
    signal.removeEventListener('abort', onAbort);
    stop.abort();
    connection?.close();
  }
}
