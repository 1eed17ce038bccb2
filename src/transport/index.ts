export { BrowserConnection, type BrowserConnectionOptions } from './browser-connection.ts';
export { summarizeAgent } from './agent-summary.ts';
export { decodeAudioFrame, encodeAudioFrame } from './audio-frame.ts';
export { sessionEventToWire, type WireOutput } from './event-map.ts';
export { DEFAULT_LIMITS, HARD_MAX_FRAME_BYTES, type ConnectionLimits } from './limits.ts';
export * from './messages.ts';
export { TokenBucket } from './token-bucket.ts';
export { parseClientMessage, validateClientMessage, MAX_TEXT_INPUT_CHARS } from './validate.ts';
