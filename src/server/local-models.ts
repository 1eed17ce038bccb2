import { describeLocalVoice } from '../providers/local/tts/index.ts';
import type { SessionModels } from '../conversation/types.ts';
import type { AgentDefinition } from '../spec/agent.ts';
import { modelsFromEnv, type Env } from './models-from-env.ts';

export { espeakVoiceFor, NO_SCRIPT } from './models-from-env.ts';

const offline = modelsFromEnv({});

/** The offline default: Silero VAD, pocketsphinx, the scripted dialogue engine, the best local voice. */
export function createLocalModels(agent: AgentDefinition): SessionModels {
  return offline(agent);
}

/**
 * The start-up line naming each agent's local voice, e.g.
 * "voices: support RHVoice clb (fallback Pico en-US, flite kal16, espeak-ng en-us); cafe Pico es-ES …".
 * Undefined when the TTS is not local.
 */
export function describeLocalVoices(
  agents: readonly AgentDefinition[],
  env: Env = process.env,
): string | undefined {
  if ((env['PARLEY_TTS'] ?? 'local') !== 'local') return undefined;
  const parts = agents.map(
    (agent) =>
      `${agent.id} ${describeLocalVoice(agent.language, env['PARLEY_LOCAL_VOICE'] || agent.voice?.byProvider?.local)}`,
  );
  return `voices: ${parts.join('; ')}`;
}
