import type { SessionModels } from '../conversation/types.ts';
import type { AgentDefinition } from '../spec/agent.ts';
import { modelsFromEnv } from './models-from-env.ts';

export { espeakVoiceFor, NO_SCRIPT } from './models-from-env.ts';

const offline = modelsFromEnv({});

/** The offline default: Silero VAD, pocketsphinx, the scripted dialogue engine, espeak-ng. */
export function createLocalModels(agent: AgentDefinition): SessionModels {
  return offline(agent);
}
