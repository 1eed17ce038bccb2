/**
 * Typed errors. Every error carries `cause` when it wraps another, and a
 * `Symbol.for` marker so `isInstance` works across duplicated module copies.
 */
const marker = Symbol.for('parley.error');

export type ParleyErrorCode =
  | 'aborted'
  | 'timeout'
  | 'provider'
  | 'protocol'
  | 'audio-format'
  | 'tool'
  | 'invalid-tool-arguments'
  | 'config'
  | 'closed'
  | 'rate-limited';

export interface ParleyErrorOptions {
  readonly cause?: unknown;
}

export class ParleyError extends Error {
  readonly [marker] = true;
  readonly code: ParleyErrorCode;

  constructor(code: ParleyErrorCode, message: string, options: ParleyErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = 'ParleyError';
    this.code = code;
  }

  static isInstance(value: unknown): value is ParleyError {
    return typeof value === 'object' && value !== null && marker in value;
  }
}

/** The operation was cancelled through its AbortSignal. */
export class AbortedError extends ParleyError {
  constructor(message = 'aborted', options: ParleyErrorOptions = {}) {
    super('aborted', message, options);
    this.name = 'AbortedError';
  }
}

export class TimeoutError extends ParleyError {
  readonly timeoutMs: number;
  constructor(message: string, timeoutMs: number, options: ParleyErrorOptions = {}) {
    super('timeout', message, options);
    this.name = 'TimeoutError';
    this.timeoutMs = timeoutMs;
  }
}

export interface ProviderErrorOptions extends ParleyErrorOptions {
  readonly provider: string;
  readonly retryable: boolean;
  readonly statusCode?: number;
}

/** A vendor or engine failed. `retryable` says whether trying again can help. */
export class ProviderError extends ParleyError {
  readonly provider: string;
  readonly retryable: boolean;
  readonly statusCode: number | undefined;
  constructor(message: string, options: ProviderErrorOptions) {
    super('provider', message, options);
    this.name = 'ProviderError';
    this.provider = options.provider;
    this.retryable = options.retryable;
    this.statusCode = options.statusCode;
  }
}

/** A message on a wire (browser, vendor) did not follow the protocol. */
export class ProtocolError extends ParleyError {
  constructor(message: string, options: ParleyErrorOptions = {}) {
    super('protocol', message, options);
    this.name = 'ProtocolError';
  }
}

export class AudioFormatError extends ParleyError {
  constructor(message: string, options: ParleyErrorOptions = {}) {
    super('audio-format', message, options);
    this.name = 'AudioFormatError';
  }
}

export class ToolError extends ParleyError {
  readonly toolName: string;
  constructor(message: string, toolName: string, options: ParleyErrorOptions = {}) {
    super('tool', message, options);
    this.name = 'ToolError';
    this.toolName = toolName;
  }
}

export class InvalidToolArgumentsError extends ParleyError {
  readonly toolName: string;
  constructor(message: string, toolName: string, options: ParleyErrorOptions = {}) {
    super('invalid-tool-arguments', message, options);
    this.name = 'InvalidToolArgumentsError';
    this.toolName = toolName;
  }
}

export class ConfigError extends ParleyError {
  constructor(message: string, options: ParleyErrorOptions = {}) {
    super('config', message, options);
    this.name = 'ConfigError';
  }
}

/** Used after close: the object no longer accepts work. */
export class ClosedError extends ParleyError {
  constructor(message = 'closed', options: ParleyErrorOptions = {}) {
    super('closed', message, options);
    this.name = 'ClosedError';
  }
}

/** Input refused because its sender used more than its share (of messages, bytes or CPU time). */
export class RateLimitedError extends ParleyError {
  /** When trying again may succeed. */
  readonly retryAfterMs: number;
  constructor(message: string, retryAfterMs: number, options: ParleyErrorOptions = {}) {
    super('rate-limited', message, options);
    this.name = 'RateLimitedError';
    this.retryAfterMs = retryAfterMs;
  }
}
