import { int16ToBytes } from '../../audio/pcm.ts';
import { connectWithRetry } from '../resilience/connect-with-retry.ts';
import type { Clock } from '../../spec/clock.ts';
import { AudioFormatError } from '../../spec/errors.ts';
import type { SttModel, SttPart, SttStreamOptions } from '../../spec/stt.ts';
import { untilAborted } from '../../stream/abort.ts';
import type { RetryOptions } from '../resilience/retry.ts';
import { stopOnAbort } from '../resilience/stop-on-abort.ts';
import { vendorLanguage } from '../shared/languages.ts';
import { runVendorSocket } from '../shared/vendor-socket.ts';
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

function streamFlux(
  options: DeepgramFluxSttOptions,
  model: string,
  streamOptions: SttStreamOptions,
): AsyncIterable<SttPart> {
  const { sampleRate } = streamOptions;
  let inputDone = false;
  return runVendorSocket<SttPart>({
    provider: 'deepgram',
    signal: streamOptions.signal,
    connect: (signal) => {
      vendorLanguage('deepgram-flux', streamOptions.language ?? 'en');
      return connectWithRetry(options, {
        provider: 'deepgram',
        url: fluxUrl(options, model, sampleRate),
        headers: { authorization: `Token ${options.apiKey}` },
        signal,
      });
    },
    pump: async (open, signal) => {
      for await (const input of untilAborted(streamOptions.audio, signal)) {
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
      if (signal.aborted) return;
      inputDone = true;
      open.send(JSON.stringify({ type: 'CloseStream' }));
    },
    closeIsEnd: (code) => inputDone && code === 1000,
    *onFrame(frame) {
      if (frame.type !== 'text') return;
      const message = parseFluxMessage(frame.data);
      if (message.kind === 'part') yield message.part;
    },
  });
}
