import { AbortedError, ProviderError, TimeoutError } from '../../spec/errors.ts';

export interface JsonRequest {
  /** Vendor name for errors: `qdrant`, `pinecone`. */
  readonly provider: string;
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: unknown;
  readonly signal: AbortSignal;
  readonly timeoutMs: number;
}

/** A non-2xx answer, with the vendor's own error body kept for the message. */
export class VendorHttpError extends ProviderError {
  readonly body: string;
  constructor(provider: string, status: number, body: string) {
    super(`${provider}: HTTP ${status}: ${body.slice(0, 300)}`, {
      provider,
      statusCode: status,
      // 408, 429 and 5xx may pass on retry; every other 4xx is the request's fault.
      retryable: status === 408 || status === 429 || status >= 500,
      cause: new Error(body),
    });
    this.name = 'VendorHttpError';
    this.body = body;
  }
}

/**
 * Sends one JSON request and parses the JSON answer. Aborts give AbortedError,
 * a silent server TimeoutError, a refused connection a retryable ProviderError,
 * a non-2xx status VendorHttpError.
 */
export async function requestJson(request: JsonRequest): Promise<unknown> {
  const { provider, signal } = request;
  if (signal.aborted) throw new AbortedError(`${provider} call aborted`, { cause: signal.reason });
  const timeout = AbortSignal.timeout(request.timeoutMs);
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: request.method,
      headers: { 'content-type': 'application/json', ...request.headers },
      ...(request.body !== undefined && { body: JSON.stringify(request.body) }),
      signal: AbortSignal.any([signal, timeout]),
    });
  } catch (error) {
    if (signal.aborted) throw new AbortedError(`${provider} call aborted`, { cause: error });
    if (timeout.aborted) {
      throw new TimeoutError(
        `${provider}: no answer in ${request.timeoutMs} ms`,
        request.timeoutMs,
        {
          cause: error,
        },
      );
    }
    throw new ProviderError(`${provider}: request failed: ${(error as Error).message}`, {
      provider,
      retryable: true,
      cause: error,
    });
  }
  const text = await response.text();
  if (!response.ok) throw new VendorHttpError(provider, response.status, text);
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ProviderError(`${provider}: answer is not JSON: ${text.slice(0, 100)}`, {
      provider,
      retryable: false,
      cause: error,
    });
  }
}
