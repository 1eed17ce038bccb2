import {
  AbortedError,
  ParleyError,
  ProtocolError,
  ProviderError,
  TimeoutError,
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

/** A ProviderError for an HTTP error response, with the vendor's message when it sent one. */
export function httpStatusError(provider: string, statusCode: number, body: string): ProviderError {
  const detail = body.trim().slice(0, 500);
  return new ProviderError(`${provider}: HTTP ${statusCode}${detail ? `: ${detail}` : ''}`, {
    provider,
    statusCode,
    retryable: isRetryableStatus(statusCode),
    cause: new Error(detail || `HTTP ${statusCode}`),
  });
}
