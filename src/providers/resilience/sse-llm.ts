import type { Clock } from '../../spec/clock.ts';
import { ProviderError } from '../../spec/errors.ts';
import type { LlmPart } from '../../spec/llm.ts';
import { toParleyError } from './errors.ts';
import { openHttpStream, type HttpStream } from './http.ts';
import { withRetry, type RetryOptions } from './retry.ts';
import { parseSse, type SseEvent } from './sse.ts';
import { stopOnAbort } from './stop-on-abort.ts';

/** Turns a vendor's SSE events into LlmParts; `end()` runs when the body ends. */
export interface SseLlmMapper {
  push(event: SseEvent): readonly LlmPart[];
  /** True once the vendor's end-of-stream marker arrived: stop reading. */
  readonly finished: boolean;
  /** True once the answer is whole (a finish reason arrived), even if the marker never comes. */
  readonly complete: boolean;
  end(): readonly LlmPart[];
}

export interface SseLlmRequest {
  readonly provider: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
  readonly signal: AbortSignal;
  readonly timeoutMs: number;
  readonly clock?: Clock;
  readonly retry?: Omit<RetryOptions, 'signal' | 'clock'>;
}

/**
 * POSTs a JSON body, retrying connection failures before the first byte, then
 * maps the SSE body with `mapper`. Ends with the mapper's parts, or one `error`
 * part; ends quietly with nothing more on abort.
 */
export function streamSseLlm(
  request: SseLlmRequest,
  mapper: SseLlmMapper,
): AsyncGenerator<LlmPart> {
  return stopOnAbort(mapSse(request, mapper), request.signal);
}

async function* mapSse(request: SseLlmRequest, mapper: SseLlmMapper): AsyncGenerator<LlmPart> {
  const { signal, provider } = request;
  if (signal.aborted) return;
  let http: HttpStream | undefined;
  try {
    http = await withRetry(
      () =>
        openHttpStream({
          provider,
          url: request.url,
          headers: { 'content-type': 'application/json', ...request.headers },
          body: JSON.stringify(request.body),
          signal,
          timeoutMs: request.timeoutMs,
          clock: request.clock,
        }),
      { ...request.retry, signal, clock: request.clock },
    );
    for await (const event of parseSse(http.chunks)) {
      if (signal.aborted) return;
      const parts = mapper.push(event);
      for (const part of parts) {
        yield part;
        if (part.type === 'error') return;
      }
      if (mapper.finished) break;
    }
    if (signal.aborted) return;
    if (!mapper.complete) {
      yield {
        type: 'error',
        error: new ProviderError(`${provider}: stream ended before the answer was complete`, {
          provider,
          retryable: true,
          cause: new Error('connection closed mid-stream'),
        }),
      };
      return;
    }
    yield* mapper.end();
  } catch (error) {
    if (signal.aborted) return;
    yield { type: 'error', error: toParleyError(error, provider) };
  } finally {
    http?.close();
  }
}
