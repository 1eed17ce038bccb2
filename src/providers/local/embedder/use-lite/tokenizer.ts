/**
 * The Universal Sentence Encoder lite's word-piece tokenizer: a unigram
 * vocabulary of pieces with log-probability scores (`vocab.json`, `[piece,
 * score]` pairs, id = position). Text is NFKC-normalised, each word is marked
 * with a leading `▁`, and the segmentation with the highest total score is
 * chosen (Viterbi over the pieces that match at each position). A character
 * no piece covers becomes the unknown id 0 at a heavy penalty, and a run of
 * unknowns is one token.
 */
export type Vocabulary = ReadonlyArray<readonly [string, number | null]>;

const WORD_MARK = '\u2581';
const UNKNOWN_ID = 0;
/** Added to the lowest vocabulary score for an unknown character. */
const UNKNOWN_PENALTY = -10;

export interface Tokenizer {
  encode(text: string): number[];
}

interface Piece {
  readonly id: number;
  readonly score: number;
}

export function createTokenizer(vocabulary: Vocabulary): Tokenizer {
  const pieces = new Map<string, Piece>();
  let lowest = 0;
  let longest = 1;
  for (const [id, [piece, score]] of vocabulary.entries()) {
    // Ids 0–5 are control tokens (unknown, <s>, </s>, extra ids): never matched in text.
    if (id < 6 || score === null) continue;
    pieces.set(piece, { id, score });
    lowest = Math.min(lowest, score);
    longest = Math.max(longest, piece.length);
  }
  const unknownScore = lowest + UNKNOWN_PENALTY;

  function encodeWords(marked: string): number[] {
    const length = marked.length;
    const best = new Float64Array(length + 1).fill(Number.NEGATIVE_INFINITY);
    const fromIndex = new Int32Array(length + 1).fill(-1);
    const idAt = new Int32Array(length + 1).fill(UNKNOWN_ID);
    best[0] = 0;
    for (let start = 0; start < length; start++) {
      const base = best[start] ?? Number.NEGATIVE_INFINITY;
      if (base === Number.NEGATIVE_INFINITY) continue;
      let matched = false;
      for (let end = start + 1; end <= Math.min(length, start + longest); end++) {
        const piece = pieces.get(marked.slice(start, end));
        if (piece === undefined) continue;
        if (end === start + 1) matched = true;
        if (base + piece.score > (best[end] ?? Number.NEGATIVE_INFINITY)) {
          best[end] = base + piece.score;
          fromIndex[end] = start;
          idAt[end] = piece.id;
        }
      }
      if (!matched && base + unknownScore > (best[start + 1] ?? Number.NEGATIVE_INFINITY)) {
        best[start + 1] = base + unknownScore;
        fromIndex[start + 1] = start;
        idAt[start + 1] = UNKNOWN_ID;
      }
    }
    const ids: number[] = [];
    for (let end = length; end > 0; end = fromIndex[end] ?? 0) {
      const id = idAt[end] ?? UNKNOWN_ID;
      if (!(id === UNKNOWN_ID && ids.at(-1) === UNKNOWN_ID)) ids.push(id);
    }
    return ids.reverse();
  }

  return {
    encode(text) {
      const words = text.normalize('NFKC').trim().split(/\s+/).filter(Boolean);
      if (words.length === 0) return [];
      return encodeWords(words.map((word) => WORD_MARK + word).join(''));
    },
  };
}
