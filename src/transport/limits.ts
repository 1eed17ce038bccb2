/** Per-connection limits. Every field has a default (see DEFAULT_LIMITS); docs/security.md lists them. */
export interface ConnectionLimits {
  /** Largest frame (text or binary) handled; bigger ones get an `error` and are dropped. */
  readonly maxFrameBytes: number;
  /** Before a session is active, the socket itself refuses bigger frames (close 1009). */
  readonly preStartMaxFrameBytes: number;
  /** Longest binary audio frame, in ms of 16 kHz PCM16. */
  readonly maxAudioFrameMs: number;
  /**
   * Incoming work is charged by cost, not by message: a frame costs its bytes plus
   * `MESSAGE_COST_BYTES`. Burst and sustained rate, in cost units (≈ bytes).
   * Live 16 kHz audio in 20 ms frames costs (640 + 64) × 50 ≈ 35 KB a second.
   */
  readonly costBurst: number;
  readonly costPerSecond: number;
  /** Typed text is charged again by character (the dialogue work grows with it). */
  readonly textCharsBurst: number;
  readonly textCharsPerSecond: number;
  /** A conversation ends after this long. */
  readonly maxSessionMs: number;
  /** Closes a connection that has not started a session within this time. */
  readonly startTimeoutMs: number;
  /** Closes a session when the client sends nothing (audio, text, position) for this long. */
  readonly idleTimeoutMs: number;
  /** A ping goes out this often; a peer that has not answered the previous one is dropped. */
  readonly pingIntervalMs: number;
  /** Wrong tokens tolerated on one socket before it is closed. */
  readonly maxWrongTokens: number;
  /** A client that lets this much outgoing data pile up is too slow for live audio: it is closed. */
  readonly maxBufferedBytes: number;
}

/** Added to each frame's bytes when charging the cost bucket. */
export const MESSAGE_COST_BYTES = 64;

export const DEFAULT_LIMITS: ConnectionLimits = {
  maxFrameBytes: 64 * 1024,
  preStartMaxFrameBytes: 4 * 1024,
  maxAudioFrameMs: 100,
  costBurst: 256 * 1024,
  costPerSecond: 96 * 1024,
  textCharsBurst: 2_000,
  textCharsPerSecond: 100,
  maxSessionMs: 30 * 60_000,
  startTimeoutMs: 60_000,
  idleTimeoutMs: 5 * 60_000,
  pingIntervalMs: 15_000,
  maxWrongTokens: 3,
  maxBufferedBytes: 1024 * 1024,
};

/**
 * Frames above this are refused by the socket itself (close 1009) once a session
 * is active; below it and above `maxFrameBytes` they get an `error` and the
 * session goes on.
 */
export const HARD_MAX_FRAME_BYTES = 1024 * 1024;
