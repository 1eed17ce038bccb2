/** Per-connection limits. Every field has a default (see DEFAULT_LIMITS). */
export interface ConnectionLimits {
  /** Largest frame (text or binary) handled; bigger ones get an `error` and are dropped. */
  readonly maxFrameBytes: number;
  /** Longest binary audio frame, in ms of 16 kHz PCM16. */
  readonly maxAudioFrameMs: number;
  /** Burst size of the message-rate token bucket. */
  readonly messageBurst: number;
  /** Sustained messages per second (audio is 50 a second). */
  readonly messagesPerSecond: number;
  /** A conversation ends after this long. */
  readonly maxSessionMs: number;
  /** Closes a connection that has not started a session within this time. */
  readonly startTimeoutMs: number;
  /** A client that lets this much outgoing data pile up is too slow for live audio: it is closed. */
  readonly maxBufferedBytes: number;
}

export const DEFAULT_LIMITS: ConnectionLimits = {
  maxFrameBytes: 64 * 1024,
  maxAudioFrameMs: 100,
  messageBurst: 200,
  messagesPerSecond: 120,
  maxSessionMs: 30 * 60_000,
  startTimeoutMs: 60_000,
  maxBufferedBytes: 1024 * 1024,
};

/**
 * Frames above this are refused by the socket itself (close code 1009); below it
 * and above `maxFrameBytes` they get an `error` and the session goes on.
 */
export const HARD_MAX_FRAME_BYTES = 16 * 1024 * 1024;
