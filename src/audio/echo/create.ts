import type { EchoCanceller } from '../../spec/echo.ts';
import { createSpeexEchoCanceller, type SpeexEchoOptions } from './speex-canceller.ts';

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

/** What the client says about its own echo cancellation. */
export interface EchoClientFacts {
  readonly transport: 'browser' | 'telephony';
  /** From getUserMedia's granted track settings; undefined when the client did not say. */
  readonly clientEchoCancellation?: boolean;
}

/**
 * On by default where nothing else cancels echo: telephony always; a browser whose client
 * reports echo cancellation off or unavailable (undefined counts as unavailable). An agent's
 * explicit setting wins.
 */
export function echoCancellationDefault(facts: EchoClientFacts, agentSetting?: boolean): boolean {
  if (agentSetting !== undefined) return agentSetting;
  if (facts.transport === 'telephony') return true;
  return facts.clientEchoCancellation !== true;
}
