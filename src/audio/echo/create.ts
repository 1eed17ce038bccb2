import type { EchoCanceller } from '../../spec/echo.ts';
import { createSpeexEchoCanceller, type SpeexEchoOptions } from './speex-canceller.ts';

export { echoCancellationDefault, type EchoClientFacts } from './echo-default.ts';

export interface EchoCancellerOptions extends SpeexEchoOptions {
  /** false gives the pass-through (input unchanged, echoShare 0). Default true. */
  readonly enabled?: boolean;
}

/**
 * The session's echo canceller: speexdsp when enabled (throws EchoUnavailableError when
 * libspeexdsp is missing), the pass-through when not. Whether it is on is the caller's choice
 * per transport and client (see `echoCancellationDefault`).
 */
export function createEchoCanceller(options: EchoCancellerOptions): EchoCanceller {
  if (options.enabled === false) return createPassThroughEchoCanceller();
  return createSpeexEchoCanceller(options);
}

/** Leaves the microphone audio as it is: for clients that cancel echo themselves. */
export function createPassThroughEchoCanceller(): EchoCanceller {
  return {
    pushFarEnd() {},
    notePlayback() {},
    processNearEnd: (chunk) => ({ cleaned: chunk, echoShare: 0 }),
    resetFarEnd() {},
    close() {},
  };
}
