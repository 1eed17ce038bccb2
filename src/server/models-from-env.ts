import { createAnthropicLlm } from '../providers/anthropic/index.ts';
import { createAssemblyAiStt } from '../providers/assemblyai/index.ts';
import { createCartesiaTts } from '../providers/cartesia/index.ts';
import {
  createDeepgramAuraStreamTts,
  createDeepgramFluxStt,
  createDeepgramStt,
} from '../providers/deepgram/index.ts';
import {
  createElevenLabsMultiContextTts,
  createElevenLabsTts,
} from '../providers/elevenlabs/index.ts';
import { createSarvamStt, createSarvamTts } from '../providers/sarvam/index.ts';
import { createDialogueEngine } from '../providers/local/dialogue/index.ts';
import { sentenceEmbedderFor } from '../providers/local/embedder/index.ts';
import { createPocketsphinxStt } from '../providers/local/stt/index.ts';
import { createLocalTts } from '../providers/local/tts/index.ts';
import { createSileroVad } from '../providers/local/vad/index.ts';
import {
  createOpenAICompatibleLlm,
  createOpenAIRealtimeTranscriptionStt,
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
import type { SessionModels } from '../conversation/types.ts';
import type { AgentDefinition } from '../spec/agent.ts';
import { ConfigError } from '../spec/errors.ts';
import type { LlmModel } from '../spec/llm.ts';
import type { SttModel } from '../spec/stt.ts';
import type { TtsModel } from '../spec/tts.ts';
import type { DialogueScript } from '../spec/dialogue.ts';
import { withVoice } from '../providers/shared/fixed-voice.ts';
import { chooseVoice, espeakVoiceFor } from '../providers/shared/voices.ts';
import { openAIStageConfig } from '../providers/openai/stage-config.ts';
import {
  COMPATIBLE_PRESET_NAMES,
  COMPATIBLE_PRESETS,
  createPresetLlm,
} from '../providers/openai/presets.ts';

export { espeakVoiceFor };

/** The dialogue engine's script for an agent that has none. */
export const NO_SCRIPT: DialogueScript = {
  intents: [],
  fallbackReply:
    'Sorry, this agent has no offline script. Configure a language model to talk freely.',
};

export type Env = Readonly<Record<string, string | undefined>>;

/** Hooks a server passes per session: where fallbacks are counted. */
export interface ModelHooks {
  readonly onFallback?: (label: string) => void;
}

const LLM_KINDS = ['local', 'openai', 'anthropic', ...COMPATIBLE_PRESET_NAMES] as const;
const STT_KINDS = [
  'local',
  'deepgram',
  'deepgram-flux',
  'openai',
  'openai-realtime',
  'assemblyai',
  'sarvam',
] as const;
const TTS_KINDS = ['local', 'elevenlabs', 'deepgram', 'openai', 'cartesia', 'sarvam'] as const;

function need(env: Env, name: string, why: string): string {
  const value = env[name];
  if (value === undefined || value === '')
    throw new ConfigError(`${name} is not set (needed for ${why})`);
  return value;
}

/** A yes/no variable: `true`/`1`/`yes` or `false`/`0`/`no`; anything else is a ConfigError. */
function flag(env: Env, name: string, byDefault: boolean): boolean {
  const value = env[name]?.trim().toLowerCase();
  if (value === undefined || value === '') return byDefault;
  if (['true', '1', 'yes'].includes(value)) return true;
  if (['false', '0', 'no'].includes(value)) return false;
  throw new ConfigError(`${name}: expected true or false, got "${env[name]}"`);
}

/** `{ baseUrl }` when the variable is set: EU endpoints, proxies, local fakes. */
function url(env: Env, name: string): { baseUrl?: string } {
  const value = env[name];
  return value ? { baseUrl: value } : {};
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
        // Local servers (Ollama, llama.cpp, vLLM) need no key.
        ...openAI(env, 'llm', 'PARLEY_LLM=openai'),
        model: env['PARLEY_LLM_MODEL'] ?? 'gpt-4o-mini',
      });
    case 'anthropic':
      return createAnthropicLlm({
        ...url(env, 'ANTHROPIC_BASE_URL'),
        apiKey: need(env, 'ANTHROPIC_API_KEY', 'PARLEY_LLM=anthropic'),
        model: env['PARLEY_ANTHROPIC_MODEL'] ?? env['PARLEY_LLM_MODEL'] ?? 'claude-haiku-4-5',
      });
    case 'groq':
    case 'cerebras':
    case 'openrouter':
    case 'ollama':
    case 'vllm':
    case 'llama.cpp': {
      // Presets over the OpenAI-compatible adapter.
      const preset = COMPATIBLE_PRESETS[kind];
      const apiKey = preset.apiKeyEnv ? env[preset.apiKeyEnv] : undefined;
      if (preset.apiKeyEnv && !apiKey && !preset.baseUrl.startsWith('http://localhost')) {
        need(env, preset.apiKeyEnv, `PARLEY_LLM=${kind}`);
      }
      return createPresetLlm(kind, {
        ...(env[preset.baseUrlEnv] ? { baseUrl: env[preset.baseUrlEnv] } : {}),
        ...(apiKey ? { apiKey } : {}),
        ...(env['PARLEY_LLM_MODEL'] ? { model: env['PARLEY_LLM_MODEL'] } : {}),
      });
    }
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
        ...url(env, 'DEEPGRAM_STT_BASE_URL'),
        apiKey: need(env, 'DEEPGRAM_API_KEY', 'PARLEY_STT=deepgram'),
        language: agent.language,
        ...(env['PARLEY_STT_MODEL'] ? { model: env['PARLEY_STT_MODEL'] } : {}),
      });
    case 'deepgram-flux':
      return createDeepgramFluxStt({
        apiKey: need(env, 'DEEPGRAM_API_KEY', 'PARLEY_STT=deepgram-flux'),
        ...url(env, 'DEEPGRAM_FLUX_BASE_URL'),
      });
    case 'assemblyai':
      return createAssemblyAiStt({
        ...url(env, 'ASSEMBLYAI_BASE_URL'),
        apiKey: need(env, 'ASSEMBLYAI_API_KEY', 'PARLEY_STT=assemblyai'),
        ...(env['ASSEMBLYAI_SPEECH_MODEL'] ? { speechModel: env['ASSEMBLYAI_SPEECH_MODEL'] } : {}),
      });
    case 'openai':
      return createOpenAITranscriptionStt({
        ...openAI(env, 'stt', 'PARLEY_STT=openai'),
        ...(env['OPENAI_STT_MODEL'] ? { model: env['OPENAI_STT_MODEL'] } : {}),
      });
    case 'openai-realtime':
      return createOpenAIRealtimeTranscriptionStt({
        ...openAI(env, 'stt', 'PARLEY_STT=openai-realtime'),
        ...(env['OPENAI_STT_MODEL'] ? { model: env['OPENAI_STT_MODEL'] } : {}),
      });
    case 'sarvam':
      return createSarvamStt({
        apiKey: need(env, 'SARVAM_API_KEY', 'PARLEY_STT=sarvam'),
        language: agent.language,
        ...(env['SARVAM_STT_MODEL'] ? { model: env['SARVAM_STT_MODEL'] } : {}),
      });
  }
}

/** Per-provider voice overrides an operator sets; they win over the agent's choice. */
const VOICE_ENV: Readonly<Record<(typeof TTS_KINDS)[number], string>> = {
  local: 'PARLEY_LOCAL_VOICE',
  openai: 'OPENAI_TTS_VOICE',
  elevenlabs: 'ELEVENLABS_VOICE_ID',
  deepgram: 'DEEPGRAM_TTS_VOICE',
  cartesia: 'CARTESIA_VOICE_ID',
  sarvam: 'SARVAM_TTS_SPEAKER',
};

/** The OpenAI-compatible base URL and key of one stage; api.openai.com needs the key. */
function openAI(env: Env, stage: 'llm' | 'stt' | 'tts', why: string) {
  const config = openAIStageConfig(env, stage);
  if (config.official && config.apiKey === undefined) need(env, 'OPENAI_API_KEY', why);
  return { baseUrl: config.baseUrl, ...(config.apiKey ? { apiKey: config.apiKey } : {}) };
}

/**
 * One TTS model of the chain, speaking with its own provider's voice: the
 * provider's env override, else `PARLEY_TTS_VOICE` for the primary only, else
 * the agent's voice for that provider or its description.
 */
function ttsFor(
  kind: (typeof TTS_KINDS)[number],
  agent: AgentDefinition,
  env: Env,
  primary: boolean,
): TtsModel {
  const override = env[VOICE_ENV[kind]] || (primary ? env['PARLEY_TTS_VOICE'] : undefined);
  const voice = chooseVoice(kind, agent.voice, agent.language, override);
  switch (kind) {
    case 'local': {
      // The best installed voice for the language (RHVoice, Pico, then flite/espeak-ng),
      // unless the operator or the agent names a local voice.
      const named = override || agent.voice?.byProvider?.local;
      return createLocalTts({ language: agent.language, ...(named ? { voice: named } : {}) });
    }
    case 'elevenlabs': {
      const elevenLabs = {
        ...url(env, 'ELEVENLABS_BASE_URL'),
        apiKey: need(env, 'ELEVENLABS_API_KEY', 'PARLEY_TTS=elevenlabs'),
        voiceId: voice ?? need(env, 'ELEVENLABS_VOICE_ID', 'PARLEY_TTS=elevenlabs'),
        ...(env['ELEVENLABS_MODEL_ID'] ? { modelId: env['ELEVENLABS_MODEL_ID'] } : {}),
      };
      // One multi-context socket per session unless turned off (a socket per reply then).
      const multiContext = flag(env, 'ELEVENLABS_MULTI_CONTEXT', true);
      return withVoice(
        multiContext
          ? createElevenLabsMultiContextTts(elevenLabs)
          : createElevenLabsTts(elevenLabs),
        voice,
      );
    }
    case 'deepgram':
      return withVoice(
        createDeepgramAuraStreamTts({
          apiKey: need(env, 'DEEPGRAM_API_KEY', 'PARLEY_TTS=deepgram'),
          ...url(env, 'DEEPGRAM_TTS_BASE_URL'),
        }),
        voice,
      );
    case 'cartesia':
      return withVoice(
        createCartesiaTts({
          ...url(env, 'CARTESIA_BASE_URL'),
          apiKey: need(env, 'CARTESIA_API_KEY', 'PARLEY_TTS=cartesia'),
          ...(env['CARTESIA_MODEL_ID'] ? { modelId: env['CARTESIA_MODEL_ID'] } : {}),
        }),
        voice,
      );
    case 'openai':
      return withVoice(
        createOpenAITts({
          ...openAI(env, 'tts', 'PARLEY_TTS=openai'),
          ...(env['OPENAI_TTS_MODEL'] ? { model: env['OPENAI_TTS_MODEL'] } : {}),
        }),
        voice,
      );
    case 'sarvam':
      return withVoice(
        createSarvamTts({
          apiKey: need(env, 'SARVAM_API_KEY', 'PARLEY_TTS=sarvam'),
          language: agent.language,
          ...(env['SARVAM_TTS_MODEL'] ? { model: env['SARVAM_TTS_MODEL'] } : {}),
        }),
        voice,
      );
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
    const ttss = ttsKinds.map((kind, index) => ttsFor(kind, agent, env, index === 0));
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
