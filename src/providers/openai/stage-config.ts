/** Which OpenAI-compatible stage a setting is for. */
export type OpenAIStage = 'llm' | 'stt' | 'tts';

export const OPENAI_DEFAULT_BASE_URL = 'https://api.openai.com/v1';

/** Where one OpenAI-compatible stage connects and with which key. */
export interface OpenAIStageConfig {
  readonly baseUrl: string;
  /** Absent for self-hosted servers that need none. */
  readonly apiKey?: string;
  /** True when the stage talks to api.openai.com, which always wants a key. */
  readonly official: boolean;
}

/**
 * `OPENAI_<STAGE>_BASE_URL` over `OPENAI_BASE_URL` over api.openai.com, and
 * `OPENAI_<STAGE>_API_KEY` over `OPENAI_API_KEY`: a self-hosted speech server
 * (Kokoro-FastAPI, Speaches) can serve TTS or STT while the LLM stays elsewhere.
 */
export function openAIStageConfig(
  env: Readonly<Record<string, string | undefined>>,
  stage: OpenAIStage,
): OpenAIStageConfig {
  const upper = stage.toUpperCase();
  const pick = (name: string): string | undefined => {
    const value = env[name];
    return value === undefined || value === '' ? undefined : value;
  };
  const baseUrl = (
    pick(`OPENAI_${upper}_BASE_URL`) ??
    pick('OPENAI_BASE_URL') ??
    OPENAI_DEFAULT_BASE_URL
  ).replace(/\/+$/, '');
  const apiKey = pick(`OPENAI_${upper}_API_KEY`) ?? pick('OPENAI_API_KEY');
  return {
    baseUrl,
    ...(apiKey !== undefined ? { apiKey } : {}),
    official: new URL(baseUrl).hostname === 'api.openai.com',
  };
}
