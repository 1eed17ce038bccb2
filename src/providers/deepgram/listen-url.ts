import type { SttVocabulary } from '../../spec/stt.ts';

export interface ListenParams {
  readonly baseUrl: string;
  readonly model: string;
  readonly language: string;
  readonly sampleRate: number;
  readonly endpointingMs: number;
  readonly utteranceEndMs: number;
  readonly smartFormat: boolean;
  readonly vocabulary?: SttVocabulary;
}

/** The live-transcription URL (`/v1/listen`) with raw linear16 mono input. */
export function listenUrl(params: ListenParams): string {
  const query = new URLSearchParams({
    model: params.model,
    language: params.language,
    encoding: 'linear16',
    sample_rate: String(params.sampleRate),
    channels: '1',
    interim_results: 'true',
    endpointing: String(params.endpointingMs),
    // The API's minimum is 1000 ms.
    utterance_end_ms: String(Math.max(1_000, params.utteranceEndMs)),
    vad_events: 'true',
    smart_format: String(params.smartFormat),
  });
  const terms = [...(params.vocabulary?.keywords ?? []), ...(params.vocabulary?.phrases ?? [])];
  // Nova-3 takes `keyterm` prompts; older models take `keywords` (word:boost).
  const key = params.model.startsWith('nova-3') ? 'keyterm' : 'keywords';
  for (const term of terms.slice(0, 100)) query.append(key, term);
  return `${params.baseUrl.replace(/\/+$/, '')}/v1/listen?${query}`;
}
