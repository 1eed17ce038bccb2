import type { Clock } from '../../spec/clock.ts';
import type { TtsPart, TtsStreamOptions } from '../../spec/tts.ts';
import { untilAborted } from '../../stream/abort.ts';
import { toParleyError } from './errors.ts';
import { openHttpStream, type HttpStream } from './http.ts';
import { PcmByteDecoder } from './pcm-chunks.ts';
import { stopOnAbort } from './stop-on-abort.ts';
import { withRetry, type RetryOptions } from './retry.ts';

/** One HTTP synthesis request per text chunk, answered with raw PCM16 at `sampleRate`. */
export interface HttpTtsRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** The rate of the PCM the vendor returns. */
  readonly sampleRate: number;
}

export interface HttpTtsConfig {
  readonly provider: string;
  readonly timeoutMs: number;
  readonly clock?: Clock;
  readonly retry?: Omit<RetryOptions, 'signal' | 'clock'>;
  request(text: string, options: TtsStreamOptions): HttpTtsRequest;
}

/**
 * Synthesises each text chunk with one streamed HTTP request, in order, and
 * yields its audio (resampled to the requested rate) then `segment-end`.
 * Connection failures before the first byte are retried; any later failure
 * ends the stream with one `error` part. Abort ends it quietly.
 */
export function streamHttpTts(
  config: HttpTtsConfig,
  options: TtsStreamOptions,
): AsyncGenerator<TtsPart> {
  return stopOnAbort(synthesise(config, options), options.signal);
}

async function* synthesise(
  config: HttpTtsConfig,
  options: TtsStreamOptions,
): AsyncGenerator<TtsPart> {
  const { signal } = options;
  if (signal.aborted) return;
  let http: HttpStream | undefined;
  try {
    for await (const text of untilAborted(options.text, signal)) {
      if (text.trim() === '') {
        yield { type: 'segment-end', text };
        continue;
      }
      const request = config.request(text, options);
      const decoder = new PcmByteDecoder(request.sampleRate, options.sampleRate);
      http = await withRetry(
        () =>
          openHttpStream({
            provider: config.provider,
            url: request.url,
            headers: request.headers,
            body: request.body,
            signal,
            timeoutMs: config.timeoutMs,
            clock: config.clock,
          }),
        { ...config.retry, signal, clock: config.clock },
      );
      for await (const bytes of http.chunks) {
        const chunk = decoder.push(bytes);
        if (chunk) yield { type: 'audio', chunk };
      }
      http = undefined;
      if (signal.aborted) return;
      const tail = decoder.flush();
      if (tail) yield { type: 'audio', chunk: tail };
      yield { type: 'segment-end', text };
    }
  } catch (error) {
    if (signal.aborted) return;
    yield { type: 'error', error: toParleyError(error, config.provider) };
  } finally {
    http?.close();
  }
}
