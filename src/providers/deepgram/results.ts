import { ProtocolError } from '../../spec/errors.ts';
import type { WordTiming } from '../../spec/model.ts';
import type { SttPart } from '../../spec/stt.ts';

interface RawWord {
  word?: string;
  punctuated_word?: string;
  start?: number;
  end?: number;
  confidence?: number;
}

interface RawMessage {
  type?: string;
  start?: number;
  duration?: number;
  is_final?: boolean;
  speech_final?: boolean;
  from_finalize?: boolean;
  last_word_end?: number;
  channel?: { alternatives?: { transcript?: string; confidence?: number; words?: RawWord[] }[] };
}

/**
 * Assembles Deepgram's live results into utterances. `is_final` segments are
 * collected; an utterance's `final` goes out at `speech_final`, `UtteranceEnd`,
 * a Finalize response or the end of the stream. Interims show the collected
 * segments plus the current guess. Times become ms on the stream's timeline
 * through `offsetMs` (where the current connection's audio starts).
 */
export class TranscriptAssembler {
  #segments: { text: string; confidence: number; words: WordTiming[] }[] = [];
  /** Stream ms up to which audio is covered by emitted finals. */
  finalizedUntilMs = 0;

  push(text: string, offsetMs: number): SttPart[] {
    let message: RawMessage;
    try {
      message = JSON.parse(text) as RawMessage;
    } catch (error) {
      throw new ProtocolError('deepgram: malformed message', { cause: error });
    }
    if (message.type === 'UtteranceEnd') return this.flush();
    if (message.type !== 'Results') return [];
    const alternative = message.channel?.alternatives?.[0];
    const transcript = (alternative?.transcript ?? '').trim();
    const words = (alternative?.words ?? []).map((word) => ({
      word: word.punctuated_word ?? word.word ?? '',
      startMs: Math.round(offsetMs + (word.start ?? 0) * 1_000),
      endMs: Math.round(offsetMs + (word.end ?? 0) * 1_000),
      ...(word.confidence !== undefined ? { confidence: word.confidence } : {}),
    }));
    const endMs = offsetMs + ((message.start ?? 0) + (message.duration ?? 0)) * 1_000;
    if (!message.is_final) {
      if (transcript === '') return [];
      const joined = [...this.#segments.map((segment) => segment.text), transcript].join(' ');
      return [{ type: 'interim', text: joined, confidence: alternative?.confidence ?? 0, words }];
    }
    if (transcript !== '') {
      this.#segments.push({ text: transcript, confidence: alternative?.confidence ?? 0, words });
    }
    if (message.speech_final || message.from_finalize) {
      const parts = this.flush();
      this.finalizedUntilMs = Math.max(this.finalizedUntilMs, endMs);
      return parts;
    }
    return [];
  }

  /** The collected utterance as one `final`, if there is one. */
  flush(): SttPart[] {
    if (this.#segments.length === 0) return [];
    const segments = this.#segments;
    this.#segments = [];
    const words = segments.flatMap((segment) => segment.words);
    const lastEndMs = words.at(-1)?.endMs;
    if (lastEndMs !== undefined) this.finalizedUntilMs = Math.max(this.finalizedUntilMs, lastEndMs);
    const confidence =
      segments.reduce((sum, segment) => sum + segment.confidence, 0) / segments.length;
    return [
      { type: 'final', text: segments.map((segment) => segment.text).join(' '), confidence, words },
    ];
  }

  /** Forgets unfinished segments: after a reconnect the replayed audio yields them again. */
  dropPending(): void {
    this.#segments = [];
  }
}
