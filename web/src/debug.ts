/** Counters the end-to-end tests read from `window.parleyDebug`. */
export interface ParleyDebug {
  /** The call header's phase (`CallPhase`). */
  state: string;
  micOpen: boolean;
  muted: boolean;
  /** The last push-to-talk feedback shown, if any. */
  pttFeedback: string | undefined;
  sessionId: string | undefined;
  framesSent: number;
  audioFramesReceived: number;
  audioFramesDropped: number;
  /** Agent audio frames received, by turn id. */
  audioFramesByTurn: Record<number, number>;
  playedMsByTurn: Record<number, number>;
  positionsSent: number;
  flushes: number;
  interrupts: number;
  errors: string[];
  /** Microphone RMS (PCM16 units) of each 200 ms, most recent last (at most 300). */
  micRms: number[];
}

export function createDebug(): ParleyDebug {
  const debug: ParleyDebug = {
    state: 'idle',
    micOpen: false,
    muted: false,
    pttFeedback: undefined,
    sessionId: undefined,
    framesSent: 0,
    audioFramesReceived: 0,
    audioFramesDropped: 0,
    audioFramesByTurn: {},
    playedMsByTurn: {},
    positionsSent: 0,
    flushes: 0,
    interrupts: 0,
    errors: [],
    micRms: [],
  };
  (globalThis as unknown as { parleyDebug: ParleyDebug }).parleyDebug = debug;
  return debug;
}

let sumSquares = 0;
let samplesSeen = 0;

/** Adds one microphone frame to the running level record. */
export function recordMicLevel(debug: ParleyDebug, frame: Int16Array): void {
  for (const sample of frame) sumSquares += sample * sample;
  samplesSeen += frame.length;
  if (samplesSeen < 3_200) return;
  debug.micRms.push(Math.round(Math.sqrt(sumSquares / samplesSeen)));
  if (debug.micRms.length > 300) debug.micRms.shift();
  sumSquares = 0;
  samplesSeen = 0;
}
