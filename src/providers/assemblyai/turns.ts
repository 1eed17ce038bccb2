import { ProtocolError, ProviderError } from '../../spec/errors.ts';
import type { SttPart } from '../../spec/stt.ts';

/**
 * Universal-Streaming v3 server messages (https://www.assemblyai.com/docs/streaming/message-sequence):
 * `Begin`, `Turn` (partials until `end_of_turn`), `Termination`, and `Error`.
 */
interface RawWord {
  text?: string;
  start?: number;
  end?: number;
  confidence?: number;
  word_is_final?: boolean;
}
interface RawMessage {
  type?: string;
  transcript?: string;
  end_of_turn?: boolean;
  end_of_turn_confidence?: number;
  words?: RawWord[];
  error?: string;
}

export type AssemblyAiEvent =
  | { readonly kind: 'part'; readonly part: SttPart }
  | { readonly kind: 'terminated' }
  | { readonly kind: 'ignored' };

/** A Turn as an interim (words so far) or, at `end_of_turn`, a final with the vendor's end-of-turn confidence. */
export function parseAssemblyAiMessage(text: string): AssemblyAiEvent {
  let raw: RawMessage;
  try {
    raw = JSON.parse(text) as RawMessage;
  } catch (error) {
    throw new ProtocolError('assemblyai: malformed message', { cause: error });
  }
  if (raw.type === 'Termination') return { kind: 'terminated' };
  if (raw.type === 'Error' || raw.error !== undefined) {
    const error = new ProviderError(`assemblyai: ${raw.error ?? 'error'}`, {
      provider: 'assemblyai',
      retryable: false,
      cause: raw,
    });
    return { kind: 'part', part: { type: 'error', error } };
  }
  if (raw.type !== 'Turn') return { kind: 'ignored' };
  const words = (raw.words ?? []).map((word) => ({
    word: word.text ?? '',
    startMs: word.start ?? 0,
    endMs: word.end ?? word.start ?? 0,
    ...(word.confidence !== undefined ? { confidence: word.confidence } : {}),
  }));
  const spoken = words.map((word) => word.word).join(' ');
  if (raw.end_of_turn) {
    const confidence = raw.end_of_turn_confidence;
    return {
      kind: 'part',
      part: {
        type: 'final',
        text: (raw.transcript ?? spoken).trim(),
        words,
        endOfTurn: confidence !== undefined ? { confidence } : {},
      },
    };
  }
  if (spoken === '') return { kind: 'ignored' };
  return { kind: 'part', part: { type: 'interim', text: spoken, words } };
}
