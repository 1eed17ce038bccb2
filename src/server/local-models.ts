import { createDialogueEngine } from '../providers/local/dialogue/index.ts';
import { createPocketsphinxStt } from '../providers/local/stt/index.ts';
import { createEspeakTts } from '../providers/local/tts/index.ts';
import { createSileroVad } from '../providers/local/vad/index.ts';
import type { SessionModels } from '../session/types.ts';
import type { AgentDefinition } from '../spec/agent.ts';
import type { DialogueScript } from '../spec/dialogue.ts';

const NO_SCRIPT: DialogueScript = {
  intents: [],
  fallbackReply:
    'Sorry, this agent has no offline script. Configure a language model to talk freely.',
};

/** An espeak-ng voice for a BCP-47 tag: `en-US` → `en-us`, `es-ES` → `es`. */
export function espeakVoiceFor(language: string): string {
  const lower = language.toLowerCase();
  return lower.startsWith('en')
    ? lower === 'en-gb'
      ? 'en-gb'
      : 'en-us'
    : (lower.split('-')[0] ?? 'en-us');
}

/** The offline default: Silero VAD, pocketsphinx, the scripted dialogue engine, espeak-ng. */
export function createLocalModels(agent: AgentDefinition): SessionModels {
  return {
    vad: createSileroVad(),
    stt: createPocketsphinxStt(),
    llm: createDialogueEngine({ script: agent.dialogue ?? NO_SCRIPT, language: agent.language }),
    tts: createEspeakTts({ voice: agent.voice?.voice ?? espeakVoiceFor(agent.language) }),
  };
}
