import { createAnthropicLlm } from '../providers/anthropic/index.ts';
import { createDeepgramAuraTts, createDeepgramStt } from '../providers/deepgram/index.ts';
import { createElevenLabsTts } from '../providers/elevenlabs/index.ts';
import { createDialogueEngine } from '../providers/local/dialogue/index.ts';
import { sentenceEmbedderFor } from '../providers/local/embedder/index.ts';
import { createPocketsphinxStt } from '../providers/local/stt/index.ts';
import { createLocalTts } from '../providers/local/tts/index.ts';
import { createSileroVad } from '../providers/local/vad/index.ts';
import {
  createOpenAICompatibleLlm,
  createOpenAITranscriptionStt,
  createOpenAITts,
} from '../providers/openai/index.ts';
import {
  createFallbackLlm,
  createFallbackStt,
  createFallbackTts,
  type FallbackInfo,
  fallbackLabel,
} from '../providers/resilience/index.ts';
import type { SessionModels } from '../session/types.ts';
import type { AgentDefinition } from '../spec/agent.ts';
import { ConfigError } from '../spec/errors.ts';
import type { LlmModel } from '../spec/llm.ts';
import type { SttModel } from '../spec/stt.ts';
import type { TtsModel } from '../spec/tts.ts';
import type { DialogueScript } from '../spec/dialogue.ts';

/** The dialogue engine's script for an agent that has none. */
export const NO_SCRIPT: DialogueScript = {
  intents: [],
  fallbackReply:
    'Sorry, this agent has no offline script. Configure a language model to talk freely.',
};

export { espeakVoiceFor } from '../providers/local/tts/choose-voice.ts';

export type Env = Readonly<Record<string, string | undefined>>;

/** Hooks a server passes per session: where fallbacks are counted. */
export interface ModelHooks {
  readonly onFallback?: (label: string) => void;
}

const LLM_KINDS = ['local', 'openai', 'anthropic'] as const;
const STT_KINDS = ['local', 'deepgram', 'openai'] as const;
const TTS_KINDS = ['local', 'elevenlabs', 'deepgram', 'openai'] as const;

function need(env: Env, name: string, why: string): string {
  const value = env[name];
  if (value === undefined || value === '')
    throw new ConfigError(`${name} is not set (needed for ${why})`);
  return value;
}

function kinds<K extends string>(
  env: Env,
  name: string,
  allowed: readonly K[],
  fallbackName: string,
): K[] {
  const primary = env[name] ?? 'local';
  const backups = (env[fallbackName] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const list = [primary, ...backups];
  for (const kind of list) {
    if (!allowed.includes(kind as K)) {
      throw new ConfigError(
        `${name}/${fallbackName}: unknown provider "${kind}"; use one of ${allowed.join(', ')}`,
      );
    }
  }
  return list as K[];
}

function llmFor(kind: (typeof LLM_KINDS)[number], agent: AgentDefinition, env: Env): LlmModel {
  switch (kind) {
    case 'local': {
      // Nearest-example matching with the USE-lite encoder when installed (English only).
      const embedder = sentenceEmbedderFor(agent.language);
      return createDialogueEngine({
        script: agent.dialogue ?? NO_SCRIPT,
        language: agent.language,
        ...(embedder === undefined ? {} : { embedder }),
      });
    }
    case 'openai':
      return createOpenAICompatibleLlm({
        baseUrl: env['OPENAI_BASE_URL'] ?? 'https://api.openai.com/v1',
        // Local servers (Ollama, llama.cpp, vLLM) need no key.
        ...(env['OPENAI_API_KEY'] ? { apiKey: env['OPENAI_API_KEY'] } : {}),
        model: env['PARLEY_LLM_MODEL'] ?? 'gpt-4o-mini',
      });
    case 'anthropic':
      return createAnthropicLlm({
        apiKey: need(env, 'ANTHROPIC_API_KEY', 'PARLEY_LLM=anthropic'),
        model: env['PARLEY_ANTHROPIC_MODEL'] ?? env['PARLEY_LLM_MODEL'] ?? 'claude-haiku-4-5',
      });
  }
}

function sttFor(kind: (typeof STT_KINDS)[number], agent: AgentDefinition, env: Env): SttModel {
  switch (kind) {
    case 'local':
      // The open-vocabulary fallback is an English language model: for other languages
      // only the agent's grammar can be right (English words would be worse than nothing).
      return createPocketsphinxStt({ fallback: agent.language.startsWith('en') ? 'lm' : 'none' });
    case 'deepgram':
      return createDeepgramStt({
        apiKey: need(env, 'DEEPGRAM_API_KEY', 'PARLEY_STT=deepgram'),
        language: agent.language,
        ...(env['PARLEY_STT_MODEL'] ? { model: env['PARLEY_STT_MODEL'] } : {}),
      });
    case 'openai':
      return createOpenAITranscriptionStt({
        apiKey: need(env, 'OPENAI_API_KEY', 'PARLEY_STT=openai'),
        ...(env['OPENAI_BASE_URL'] ? { baseUrl: env['OPENAI_BASE_URL'] } : {}),
      });
  }
}

function ttsFor(kind: (typeof TTS_KINDS)[number], agent: AgentDefinition, env: Env): TtsModel {
  switch (kind) {
    case 'local':
      // The best installed voice for the language (RHVoice, Pico), then flite/espeak-ng.
      return createLocalTts({
        language: agent.language,
        ...(agent.voice?.voice === undefined ? {} : { voice: agent.voice.voice }),
      });
    case 'elevenlabs':
      return createElevenLabsTts({
        apiKey: need(env, 'ELEVENLABS_API_KEY', 'PARLEY_TTS=elevenlabs'),
        voiceId: need(env, 'ELEVENLABS_VOICE_ID', 'PARLEY_TTS=elevenlabs'),
        ...(env['ELEVENLABS_MODEL_ID'] ? { modelId: env['ELEVENLABS_MODEL_ID'] } : {}),
      });
    case 'deepgram':
      return createDeepgramAuraTts({
        apiKey: need(env, 'DEEPGRAM_API_KEY', 'PARLEY_TTS=deepgram'),
        ...(env['PARLEY_TTS_VOICE'] ? { model: env['PARLEY_TTS_VOICE'] } : {}),
      });
    case 'openai':
      return createOpenAITts({
        apiKey: need(env, 'OPENAI_API_KEY', 'PARLEY_TTS=openai'),
        ...(env['PARLEY_TTS_VOICE'] ? { voice: env['PARLEY_TTS_VOICE'] } : {}),
      });
  }
}

/**
 * The models for an agent, chosen by environment variables (offline engines by
 * default). `PARLEY_LLM|STT|TTS` pick the primary; `PARLEY_LLM|STT|TTS_FALLBACK`
 * list backups tried in order when the primary fails before its first output.
 * Misconfiguration fails at once with a ConfigError naming the variable.
 */
export function modelsFromEnv(env: Env = process.env) {
  const llmKinds = kinds(env, 'PARLEY_LLM', LLM_KINDS, 'PARLEY_LLM_FALLBACK');
  const sttKinds = kinds(env, 'PARLEY_STT', STT_KINDS, 'PARLEY_STT_FALLBACK');
  const ttsKinds = kinds(env, 'PARLEY_TTS', TTS_KINDS, 'PARLEY_TTS_FALLBACK');

  return (agent: AgentDefinition, hooks: ModelHooks = {}): SessionModels => {
    const onFallback = (info: FallbackInfo) => {
      const label = fallbackLabel(info);
      console.warn(`parley: fallback ${label}: ${info.error.message}`);
      hooks.onFallback?.(label);
    };
    const llms = llmKinds.map((kind) => llmFor(kind, agent, env));
    const stts = sttKinds.map((kind) => sttFor(kind, agent, env));
    const ttss = ttsKinds.map((kind) => ttsFor(kind, agent, env));
    return {
      vad: createSileroVad(),
      llm: llms.length === 1 ? llms[0]! : createFallbackLlm(llms, { onFallback }),
      stt: stts.length === 1 ? stts[0]! : createFallbackStt(stts, { onFallback }),
      tts: ttss.length === 1 ? ttss[0]! : createFallbackTts(ttss, { onFallback }),
    };
  };
}

/** One line for the startup log: which engine serves each stage. */
export function describeModelChoice(env: Env = process.env): string {
  const list = (name: string, fallback: string) =>
    [env[name] ?? 'local', ...(env[fallback] ? [`(fallback ${env[fallback]})`] : [])].join(' ');
  return `LLM ${list('PARLEY_LLM', 'PARLEY_LLM_FALLBACK')}, STT ${list('PARLEY_STT', 'PARLEY_STT_FALLBACK')}, TTS ${list('PARLEY_TTS', 'PARLEY_TTS_FALLBACK')}`;
}
