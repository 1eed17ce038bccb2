import {
  AbortedError,
  ParleyError,
  ProtocolError,
  ProviderError,
  TimeoutError,
  type ProviderErrorOptions,
} from '../../spec/errors.ts';
import { isAbortError } from '../../stream/abort.ts';

/** HTTP statuses worth trying again: rate limits, timeouts, conflicts and server faults. */
export function isRetryableStatus(statusCode: number): boolean {
  return statusCode === 408 || statusCode === 409 || statusCode === 429 || statusCode >= 500;
}

/** Whether another attempt may succeed: a retryable ProviderError or a TimeoutError. */
export function isRetryableError(error: unknown): boolean {
  if (error instanceof TimeoutError) return true;
  return error instanceof ProviderError && error.retryable;
}

/** Turns anything thrown into a ParleyError, keeping the original as `cause`. */
export function toParleyError(error: unknown, provider: string): ParleyError {
  if (ParleyError.isInstance(error)) return error;
  if (isAbortError(error)) return new AbortedError('aborted', { cause: error });
  if (error instanceof SyntaxError) {
    return new ProtocolError(`${provider}: malformed message: ${error.message}`, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  // fetch and ws report refused or reset connections as plain errors: worth a retry.
  return new ProviderError(`${provider}: ${message}`, { provider, retryable: true, cause: error });
}

/**
 * Error codes vendors send with a retryable-looking status (429) that no retry can
 * fix: an exhausted quota or billing limit. OpenAI: https://platform.openai.com/docs/guides/error-codes#api-errors
 * ("429 - You exceeded your current quota": `insufficient_quota`).
 */
const PERMANENT_CODES = new Set([
  'insufficient_quota',
  'billing_hard_limit_reached',
  'quota_exceeded',
]);

/** The vendor error code or type in a JSON error body, if any (`error.code`, `error.type`, `detail.status`). */
export function vendorErrorCode(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as {
      error?: { code?: unknown; type?: unknown };
      detail?: { status?: unknown };
    };
    const candidates = [parsed.error?.code, parsed.error?.type, parsed.detail?.status];
    return candidates.find((value): value is string => typeof value === 'string');
  } catch {
    // Not JSON (an HTML proxy page, plain text): there is no code to read.
    return undefined;
  }
}

/**
 * `Retry-After` in ms: delay-seconds or an HTTP date (RFC 9110 §10.2.3), also
 * OpenAI's `retry-after-ms`. Undefined when absent or unreadable.
 */
export function retryAfterMs(headers: Headers | undefined, nowMs = Date.now()): number | undefined {
  const ms = Number(headers?.get('retry-after-ms') ?? NaN);
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers?.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1_000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/** A ProviderError for a refused request that the vendor said when to retry. */
export class RetryAfterError extends ProviderError {
  readonly retryAfterMs: number;
  constructor(message: string, options: ProviderErrorOptions & { readonly retryAfterMs: number }) {
    super(message, options);
    this.name = 'RetryAfterError';
    this.retryAfterMs = options.retryAfterMs;
  }
}

/**
 * A ProviderError for an HTTP error response, with the vendor's message when it
 * sent one. Retryable for 408/409/429/5xx unless the body names a permanent
 * failure (`insufficient_quota`); a `Retry-After` header travels as `retryAfterMs`.
 */
export function httpStatusError(
  provider: string,
  statusCode: number,
  body: string,
  headers?: Headers,
): ProviderError {
  const detail = body.trim().slice(0, 500);
  const code = vendorErrorCode(body);
  const options = {
    provider,
    statusCode,
    retryable: isRetryableStatus(statusCode) && !(code !== undefined && PERMANENT_CODES.has(code)),
    cause: new Error(detail || `HTTP ${statusCode}`),
  };
  const message = `${provider}: HTTP ${statusCode}${detail ? `: ${detail}` : ''}`;
  const after = retryAfterMs(headers);
  return after === undefined || !options.retryable
    ? new ProviderError(message, options)
    : new RetryAfterError(message, { ...options, retryAfterMs: after });
}
