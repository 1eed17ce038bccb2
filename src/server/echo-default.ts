import { echoCancellationDefault, type EchoClientFacts } from '../audio/echo/echo-default.ts';
import { EchoUnavailableError } from '../audio/echo/errors.ts';
import { OptionalPackageMissingError } from '../providers/local/optional-package.ts';
import type { AgentDefinition } from '../spec/agent.ts';
import { INPUT_SAMPLE_RATE } from '../spec/audio.ts';
import type { EchoCanceller } from '../spec/echo.ts';
import { ConfigError } from '../spec/errors.ts';

export type { EchoClientFacts } from '../audio/echo/echo-default.ts';

/** Builds a session's server-side echo canceller, or none (the input is left as it is). */
export type EchoCancellerChoice = (
  agent: AgentDefinition,
  facts: EchoClientFacts,
) => Promise<EchoCanceller | undefined>;

export interface EchoChoiceOptions {
  /** Server-wide switch (PARLEY_ECHO_CANCELLATION=on|off); unset: per client and agent. */
  readonly force?: boolean;
  /** libspeexdsp is missing: the session goes on without cancellation, and this is told once. */
  readonly onUnavailable?: (error: Error) => void;
}

/**
 * The shipped choice: speexdsp where nothing else cancels the echo (telephony; a browser that
 * reports its microphone's echo cancellation off or does not say), the agent's
 * `echoCancellation` winning. The DSP code (koffi) is imported only when a session needs it.
 */
export function defaultEchoCancellers(options: EchoChoiceOptions = {}): EchoCancellerChoice {
  let told = false;
  return async (agent, facts) => {
    const on = options.force ?? echoCancellationDefault(facts, agent.echoCancellation);
    if (!on) return undefined;
    try {
      const { createEchoCanceller } = await import('../audio/echo/create.ts');
      return createEchoCanceller({ sampleRate: INPUT_SAMPLE_RATE });
    } catch (error) {
      if (
        !(error instanceof EchoUnavailableError) &&
        !(error instanceof OptionalPackageMissingError)
      )
        throw error;
      if (!told) options.onUnavailable?.(error instanceof Error ? error : new Error(String(error)));
      told = true;
      return undefined;
    }
  };
}

/** PARLEY_ECHO_CANCELLATION: `on`/`off` forces it for every session; unset or `auto`: per client. */
export function echoSwitchFromEnv(value: string | undefined): boolean | undefined {
  const normalised = (value ?? 'auto').trim().toLowerCase();
  if (normalised === 'auto' || normalised === '') return undefined;
  if (normalised === 'on' || normalised === 'true' || normalised === '1') return true;
  if (normalised === 'off' || normalised === 'false' || normalised === '0') return false;
  throw new ConfigError(`PARLEY_ECHO_CANCELLATION must be on, off or auto, not "${value}"`);
}

/** The shipped choice with the environment's switch; a missing libspeexdsp is told once. */
export function echoCancellersFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  warn: (line: string) => void = console.warn,
): EchoCancellerChoice {
  const force = echoSwitchFromEnv(env['PARLEY_ECHO_CANCELLATION']);
  return defaultEchoCancellers({
    ...(force !== undefined && { force }),
    onUnavailable: (error) =>
      warn(`parley: server-side echo cancellation is off: ${error.message}`),
  });
}
