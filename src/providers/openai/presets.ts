import { ConfigError } from '../../spec/errors.ts';
import type { LlmModel } from '../../spec/llm.ts';
import type { MaxTokensField } from './chat-request.ts';
import { createOpenAICompatibleLlm, type OpenAICompatibleLlmOptions } from './llm.ts';

/** What differs between OpenAI-compatible servers, from each one's own documentation. */
export interface CompatiblePreset {
  readonly baseUrl: string;
  /** Undefined when the server serves whatever model it was started with and needs a name. */
  readonly model: string | undefined;
  /** Environment variable holding the key; undefined for local servers that need none. */
  readonly apiKeyEnv: string | undefined;
  /** Environment variable overriding the base URL. */
  readonly baseUrlEnv: string;
  readonly includeUsage: boolean;
  readonly maxTokensField: MaxTokensField;
  readonly headers?: Readonly<Record<string, string>>;
  readonly docs: string;
}

/**
 * Presets over the OpenAI-compatible adapter. None sends `tool_choice` (the adapter
 * never does: "auto" is every server's default when tools are given).
 */
export const COMPATIBLE_PRESETS = {
  // Usage arrives in `x_groq.usage` of the last chunk, read by ChatChunkMapper.
  groq: {
    baseUrl: 'https://api.groq.com/openai/v1',
    model: 'llama-3.3-70b-versatile',
    apiKeyEnv: 'GROQ_API_KEY',
    baseUrlEnv: 'GROQ_BASE_URL',
    includeUsage: true,
    maxTokensField: 'max_completion_tokens',
    docs: 'https://console.groq.com/docs/openai',
  },
  // Refuses frequency_penalty, presence_penalty, logit_bias, parallel_tool_calls, service_tier.
  cerebras: {
    baseUrl: 'https://api.cerebras.ai/v1',
    model: 'llama-3.3-70b',
    apiKeyEnv: 'CEREBRAS_API_KEY',
    baseUrlEnv: 'CEREBRAS_BASE_URL',
    includeUsage: true,
    maxTokensField: 'max_completion_tokens',
    docs: 'https://inference-docs.cerebras.ai/resources/openai',
  },
  // Sends `: OPENROUTER PROCESSING` SSE comments while it waits (ignored by the SSE parser).
  openrouter: {
    baseUrl: 'https://openrouter.ai/api/v1',
    model: 'openai/gpt-4o-mini',
    apiKeyEnv: 'OPENROUTER_API_KEY',
    baseUrlEnv: 'OPENROUTER_BASE_URL',
    includeUsage: true,
    maxTokensField: 'max_tokens',
    headers: { 'X-Title': 'Parley' },
    docs: 'https://openrouter.ai/docs/api-reference/streaming',
  },
  // Its supported request fields list `max_tokens`, not `max_completion_tokens`; no key.
  ollama: {
    baseUrl: 'http://localhost:11434/v1',
    model: 'llama3.2',
    apiKeyEnv: undefined,
    baseUrlEnv: 'OLLAMA_BASE_URL',
    includeUsage: true,
    maxTokensField: 'max_tokens',
    docs: 'https://docs.ollama.com/api/openai-compatibility',
  },
  // Tools need the server started with --enable-auto-tool-choice --tool-call-parser.
  vllm: {
    baseUrl: 'http://localhost:8000/v1',
    model: undefined,
    apiKeyEnv: 'VLLM_API_KEY',
    baseUrlEnv: 'VLLM_BASE_URL',
    includeUsage: true,
    maxTokensField: 'max_tokens',
    docs: 'https://docs.vllm.ai/en/latest/features/tool_calling.html',
  },
  // Serves one model (the name is ignored); streams end without a usage chunk.
  'llama.cpp': {
    baseUrl: 'http://localhost:8080/v1',
    model: 'default',
    apiKeyEnv: 'LLAMACPP_API_KEY',
    baseUrlEnv: 'LLAMACPP_BASE_URL',
    includeUsage: false,
    maxTokensField: 'max_tokens',
    docs: 'https://github.com/ggml-org/llama.cpp/tree/master/tools/server',
  },
} as const satisfies Record<string, CompatiblePreset>;

export type CompatiblePresetName = keyof typeof COMPATIBLE_PRESETS;

export const COMPATIBLE_PRESET_NAMES = Object.keys(COMPATIBLE_PRESETS) as CompatiblePresetName[];

/** An LLM for one preset; `overrides` replace the preset's base URL, key or model. */
export function createPresetLlm(
  name: CompatiblePresetName,
  overrides: Partial<
    Pick<
      OpenAICompatibleLlmOptions,
      'baseUrl' | 'apiKey' | 'model' | 'retry' | 'timeoutMs' | 'clock'
    >
  > = {},
): LlmModel {
  const preset: CompatiblePreset = COMPATIBLE_PRESETS[name];
  const model = overrides.model ?? preset.model;
  if (model === undefined) throw new ConfigError(`${name} needs a model name (PARLEY_LLM_MODEL)`);
  return createOpenAICompatibleLlm({
    ...overrides,
    baseUrl: overrides.baseUrl ?? preset.baseUrl,
    model,
    provider: name,
    includeUsage: preset.includeUsage,
    maxTokensField: preset.maxTokensField,
    ...(preset.headers ? { headers: preset.headers } : {}),
  });
}
