import type { OpenResponse } from './response-mapper.ts';
import { formatObject, type RealtimeConfig } from './session-config.ts';

/**
 * The `response` object of `response.created` / `response.done`. Usage counts are estimates
 * from text (about four characters a token): the pipeline never sees a vendor's token counts.
 */
export function responseObject(
  response: OpenResponse,
  config: RealtimeConfig,
  inputChars: number,
  status: string,
  details: Record<string, unknown> | null,
): Record<string, unknown> {
  const outputTokens = Math.ceil(response.outputChars / 4);
  const inputTokens = Math.ceil(inputChars / 4);
  return {
    id: response.id,
    object: 'realtime.response',
    status,
    status_details: details,
    output: response.output,
    conversation_id: 'conv_parley',
    output_modalities: ['audio'],
    max_output_tokens: 'inf',
    audio: { output: { format: formatObject(config.outputFormat), voice: config.voice } },
    usage: {
      total_tokens: inputTokens + outputTokens,
      input_tokens: inputTokens,
      output_tokens: outputTokens,
      input_token_details: { text_tokens: inputTokens, audio_tokens: 0, cached_tokens: 0 },
      output_token_details: { text_tokens: outputTokens, audio_tokens: 0 },
    },
    metadata: null,
  };
}
