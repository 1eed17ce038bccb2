import type { Clock } from '../../spec/clock.ts';
import { AbortedError, TimeoutError } from '../../spec/errors.ts';
import { systemClock } from '../../stream/system-clock.ts';
import { httpStatusError, toParleyError } from './errors.ts';

export interface HttpStreamRequest {
  readonly provider: string;
  readonly url: string;
  readonly method?: 'GET' | 'POST';
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | FormData;
  readonly signal: AbortSignal;
  /** Longest wait for the response headers, and then between two body chunks. */
  readonly timeoutMs: number;
  readonly clock?: Clock;
}

/** An open HTTP response whose body is read chunk by chunk; `close()` cancels it. */
export interface HttpStream {
  readonly status: number;
  readonly headers: Headers;
  readonly chunks: AsyncIterable<Uint8Array>;
  close(): void;
}

/**
 * Sends a request and resolves once a 2xx response's headers arrive. Error
 * statuses reject with ProviderError (`retryable` for 408/409/429/5xx), silence
 * longer than `timeoutMs` with TimeoutError, abort with AbortedError. Reading
 * `chunks` applies the same timeout between chunks.
 */
export async function openHttpStream(request: HttpStreamRequest): Promise<HttpStream> {
  const clock = request.clock ?? systemClock;
  const controller = new AbortController();
  let cancelTimer = (): void => undefined;
  const armTimer = (): void => {
    cancelTimer();
    cancelTimer = clock.setTimer(request.timeoutMs, () => {
      controller.abort(
        new TimeoutError(
          `${request.provider}: no data for ${request.timeoutMs} ms`,
          request.timeoutMs,
        ),
      );
    });
  };
  const onAbort = (): void =>
    controller.abort(new AbortedError('aborted', { cause: request.signal.reason }));
  const close = (): void => {
    cancelTimer();
    request.signal.removeEventListener('abort', onAbort);
    if (!controller.signal.aborted) controller.abort(new AbortedError('closed'));
  };
  const failure = (error: unknown): unknown => {
    const reason: unknown = controller.signal.reason;
    return reason instanceof TimeoutError || reason instanceof AbortedError
      ? reason
      : toParleyError(error, request.provider);
  };
  if (request.signal.aborted) throw new AbortedError('aborted', { cause: request.signal.reason });
  request.signal.addEventListener('abort', onAbort, { once: true });
  armTimer();
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: request.method ?? 'POST',
      headers: request.headers,
      body: request.body,
      signal: controller.signal,
    });
    if (!response.ok) {
      const text = await response.text();
      throw httpStatusError(request.provider, response.status, text, response.headers);
    }
  } catch (error) {
    const reported = failure(error);
    close();
    throw reported;
  }
  const body = response.body;
  // Undici can leave a pending read() hanging when the request aborts after the
  // whole body has arrived, so every read also races the abort.
  const aborted = new Promise<never>((_, reject) => {
    controller.signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
  });
  // Only raced against reads; an abort with no read pending is not a failure.
  aborted.catch(() => undefined);
  async function* chunks(): AsyncGenerator<Uint8Array> {
    if (!body) return;
    const reader = body.getReader();
    try {
      for (;;) {
        armTimer();
        const { done, value } = await Promise.race([reader.read(), aborted]);
        if (done) return;
        yield value;
      }
    } catch (error) {
      throw failure(error);
    } finally {
      close();
      // The body may already be errored or closed; cancelling is only a release here.
      reader.cancel().catch(() => undefined);
    }
  }
  return { status: response.status, headers: response.headers, chunks: chunks(), close };
}
