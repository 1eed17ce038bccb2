import { decideClauseEnd, decideSentenceEnd, isTerminator, runEnd } from './boundary.ts';
import { countWords, hasSpeech } from './words.ts';

/**
 * Streaming sentence chunker: LLM text deltas in, speakable chunks out.
 *
 * A boundary is decided only when it is certain, so the chunks do not depend
 * on how the text was split into deltas. Boundaries: . ! ? … (and 。！？)
 * followed by space, newlines, and — for the first chunk only, with
 * `earlyFirstClause` — a clause mark once enough words are in. An ellipsis
 * followed by a lower-case word continues the sentence ("Well… maybe"); one
 * followed by anything else ends it. Chunks are trimmed, internal newlines
 * become spaces, and a chunk always holds a letter or digit (punctuation-only
 * text joins the next chunk; a punctuation-only tail is dropped at flush).
 */
export interface SentenceChunkerOptions {
  /** Cut the first chunk of a reply at a clause boundary to start speech sooner. Default false. */
  readonly earlyFirstClause?: boolean;
  /** Words needed before an early first-clause cut. Default 4. */
  readonly minFirstClauseWords?: number;
  /** Longest chunk before a forced cut at the last clause mark or space. Default 250. */
  readonly maxChunkChars?: number;
}

export interface SentenceChunker {
  /** Adds a delta; returns the chunks it completed (often none). */
  push(delta: string): string[];
  /** Ends the reply: returns what is left, then starts a new reply (first chunk again). */
  flush(): string[];
}

interface Settings {
  readonly earlyFirstClause: boolean;
  readonly minFirstClauseWords: number;
  readonly maxChunkChars: number;
}

type Scan = { readonly cut: number } | { readonly waitAt: number };

/** Where to cut a run-on text of more than `max` chars: last clause mark, else last space. */
function forcedCut(text: string, max: number): number {
  // Only text[0..max] is read, so the cut does not depend on how much text has arrived.
  let lastSpace = -1;
  for (let index = max; index > 0; index--) {
    const clause = index < max ? decideClauseEnd(text, index, false) : 'no';
    if (typeof clause === 'number' && hasSpeech(text.slice(0, clause))) return clause;
    if (lastSpace < 0 && /\s/.test(text[index]!) && hasSpeech(text.slice(0, index))) {
      lastSpace = index;
    }
  }
  return lastSpace > 0 ? lastSpace : max;
}

/** Finds the first certain cut in `text` (a chunk's worth, from its start), scanning from `from`. */
function scan(
  text: string,
  from: number,
  settings: Settings,
  first: boolean,
  final: boolean,
): Scan {
  for (let index = from; index < text.length; index++) {
    if (index >= settings.maxChunkChars) return { cut: forcedCut(text, settings.maxChunkChars) };
    const char = text[index]!;
    if (char === '\n') {
      if (hasSpeech(text.slice(0, index))) return { cut: index };
      continue;
    }
    if (isTerminator(char)) {
      const end = runEnd(text, index);
      const decision = decideSentenceEnd(text, index, end, final);
      if (decision === 'wait') return { waitAt: index };
      if (decision === 'yes' && hasSpeech(text.slice(0, end))) return { cut: end };
      index = end - 1;
      continue;
    }
    if (first && settings.earlyFirstClause) {
      const clause = decideClauseEnd(text, index, final);
      if (clause === 'wait') return { waitAt: index };
      if (typeof clause === 'number') {
        if (countWords(text.slice(0, clause)) >= settings.minFirstClauseWords)
          return { cut: clause };
      }
    }
  }
  return { waitAt: text.length };
}

const tidy = (chunk: string): string => chunk.trim().replace(/\s*\n\s*/g, ' ');

export function createSentenceChunker(options: SentenceChunkerOptions = {}): SentenceChunker {
  const settings: Settings = {
    earlyFirstClause: options.earlyFirstClause ?? false,
    minFirstClauseWords: options.minFirstClauseWords ?? 4,
    maxChunkChars: Math.max(8, options.maxChunkChars ?? 250),
  };
  let buffer = '';
  let scanFrom = 0;
  let first = true;

  function drain(final: boolean): string[] {
    const chunks: string[] = [];
    for (;;) {
      buffer = buffer.trimStart();
      const result = scan(buffer, scanFrom, settings, first, final);
      if ('waitAt' in result) {
        scanFrom = Math.min(result.waitAt, buffer.length);
        return chunks;
      }
      chunks.push(tidy(buffer.slice(0, result.cut)));
      buffer = buffer.slice(result.cut);
      scanFrom = 0;
      first = false;
    }
  }

  return {
    push(delta) {
      buffer += delta;
      return drain(false);
    },
    flush() {
      const chunks = drain(true);
      if (hasSpeech(buffer)) chunks.push(tidy(buffer));
      buffer = '';
      scanFrom = 0;
      first = true;
      return chunks;
    },
  };
}

export interface ChunkSentencesOptions extends SentenceChunkerOptions {
  /**
   * After abort nothing more is yielded (not even the unfinished tail). The
   * check runs between deltas; to stop while a delta is awaited, abort the
   * source too (normally the LLM stream shares this signal).
   */
  readonly signal?: AbortSignal;
}

/** Chunks a stream of text deltas; ends when the deltas end (flushing the tail) or on abort. */
export async function* chunkSentences(
  deltas: AsyncIterable<string>,
  options: ChunkSentencesOptions = {},
): AsyncGenerator<string> {
  const { signal } = options;
  const chunker = createSentenceChunker(options);
  for await (const delta of deltas) {
    if (signal?.aborted === true) return;
    yield* chunker.push(delta);
  }
  if (signal?.aborted === true) return;
  yield* chunker.flush();
}
