import { ParleyError, ProviderError } from '../spec/errors.ts';

/** The stages of a turn that can fail. */
export type Stage = 'vad' | 'stt' | 'llm' | 'tts' | 'retrieval' | 'cache' | 'tool' | 'session';

/**
 * The one place an unknown failure becomes a typed error: a `ParleyError` passes through;
 * anything else (a `TypeError` from a retriever, a string thrown by a library) becomes a
 * `ProviderError` naming the stage and provider, with the original as `cause`.
 */
export function normaliseError(error: unknown, stage: Stage, provider?: string): ParleyError {
  if (ParleyError.isInstance(error)) return error;
  const detail =
    error instanceof Error
      ? `${error.name}: ${error.message}`
      : typeof error === 'string'
        ? error
        : (JSON.stringify(error) ?? String(error));
  return new ProviderError(`${stage} failed: ${detail}`, {
    provider: provider ?? stage,
    retryable: false,
    cause: error,
  });
}

/** Reports a failure of one stage; the conversation normalises it and makes sure the user hears an answer. */
export type ReportFailure = (error: unknown, stage: Stage, provider?: string) => void;

const APOLOGY: Readonly<Record<string, string>> = {
  en: 'Sorry, I ran into a problem. Could you say that again?',
  es: 'Perdona, ha habido un problema. ¿Puedes repetirlo?',
};

/** The short apology the user hears when a stage fails before the reply said anything. */
export function apologyFor(language: string): string {
  return APOLOGY[language.slice(0, 2)] ?? APOLOGY['en'] ?? '';
}
