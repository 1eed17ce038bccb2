import { ProtocolError, ProviderError } from '../../spec/errors.ts';
import type { SttPart } from '../../spec/stt.ts';

/**
 * Flux `TurnInfo` messages (https://developers.deepgram.com/docs/flux/state): `Update`
 * and `StartOfTurn` grow an interim, `EagerEndOfTurn` is an interim marked as a likely
 * end, `TurnResumed` takes that back, `EndOfTurn` is the final with the model's
 * end-of-turn confidence. `Error` messages end the stream.
 */
interface RawTurnInfo {
  type?: string;
  event?: 'StartOfTurn' | 'Update' | 'EagerEndOfTurn' | 'TurnResumed' | 'EndOfTurn';
  transcript?: string;
  end_of_turn_confidence?: number;
  words?: { word?: string; confidence?: number; start?: number; end?: number }[];
  code?: string;
  description?: string;
}

export type FluxEvent =
  { readonly kind: 'part'; readonly part: SttPart } | { readonly kind: 'ignored' };

export function parseFluxMessage(text: string): FluxEvent {
  let raw: RawTurnInfo;
  try {
    raw = JSON.parse(text) as RawTurnInfo;
  } catch (error) {
    throw new ProtocolError('deepgram flux: malformed message', { cause: error });
  }
  if (raw.type === 'Error') {
    throw new ProviderError(`deepgram flux: ${raw.code ?? 'error'}: ${raw.description ?? ''}`, {
      provider: 'deepgram',
      retryable: false,
      cause: raw,
    });
  }
  if (raw.type !== 'TurnInfo') return { kind: 'ignored' };
  const text_ = (raw.transcript ?? '').trim();
  const words = (raw.words ?? []).flatMap((word) =>
    word.start !== undefined && word.end !== undefined
      ? [
          {
            word: word.word ?? '',
            startMs: Math.round(word.start * 1_000),
            endMs: Math.round(word.end * 1_000),
            ...(word.confidence !== undefined ? { confidence: word.confidence } : {}),
          },
        ]
      : [],
  );
  const withWords = words.length > 0 ? { words } : {};
  const confidence =
    raw.end_of_turn_confidence !== undefined ? { confidence: raw.end_of_turn_confidence } : {};
  switch (raw.event) {
    case 'EndOfTurn':
      return text_ === ''
        ? { kind: 'ignored' }
        : {
            kind: 'part',
            part: { type: 'final', text: text_, ...withWords, endOfTurn: confidence },
          };
    case 'EagerEndOfTurn':
      return {
        kind: 'part',
        part: {
          type: 'interim',
          text: text_,
          ...withWords,
          endOfTurn: { ...confidence, eager: true },
        },
      };
    case 'Update':
    case 'StartOfTurn':
    case 'TurnResumed':
      return text_ === ''
        ? { kind: 'ignored' }
        : { kind: 'part', part: { type: 'interim', text: text_, ...withWords } };
    case undefined:
      return { kind: 'ignored' };
  }
  // An event newer than this adapter.
  return { kind: 'ignored' };
}
