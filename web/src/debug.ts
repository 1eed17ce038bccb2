/** Counters the end-to-end tests read from `window.parleyDebug`. */
export interface ParleyDebug {
  state: string;
  sessionId: string | undefined;
  framesSent: number;
  audioFramesReceived: number;
  audioFramesDropped: number;
  playedMsByTurn: Record<number, number>;
  positionsSent: number;
  flushes: number;
  interrupts: number;
  errors: string[];
}

export function createDebug(): ParleyDebug {
  const debug: ParleyDebug = {
    state: 'idle',
    sessionId: undefined,
    framesSent: 0,
    audioFramesReceived: 0,
    audioFramesDropped: 0,
    playedMsByTurn: {},
    positionsSent: 0,
    flushes: 0,
    interrupts: 0,
    errors: [],
  };
  (globalThis as unknown as { parleyDebug: ParleyDebug }).parleyDebug = debug;
  return debug;
}
