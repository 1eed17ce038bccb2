import type { EchoCanceller } from '../../src/spec/echo.ts';

/** Looks at the canceller around each microphone chunk (the tests read its state there). */
export interface CancellerWatch {
  beforeChunk?(): void;
  afterChunk?(): void;
}

/** The canceller, unchanged, with `watch` called around each `processNearEnd`. */
export function watchedCanceller(inner: EchoCanceller, watch: CancellerWatch): EchoCanceller {
  return {
    pushFarEnd: (chunk) => inner.pushFarEnd(chunk),
    notePlayback: (ms) => inner.notePlayback?.(ms),
    resetFarEnd: () => inner.resetFarEnd(),
    close: () => inner.close(),
    processNearEnd(chunk) {
      watch.beforeChunk?.();
      const result = inner.processNearEnd(chunk);
      watch.afterChunk?.();
      return result;
    },
  };
}
