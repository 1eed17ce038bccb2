/** ElevenLabs' per-chunk character alignment; times are ms from the start of that audio chunk. */
export interface CharAlignment {
  readonly chars: readonly string[];
  readonly charStartTimesMs: readonly number[];
  readonly charDurationsMs: readonly number[];
}

export interface TimedWord {
  readonly word: string;
  readonly startMs: number;
  readonly endMs: number;
}

/**
 * Folds character timings into word timings across chunks. Whitespace ends a
 * word; a word split between two chunks is joined. `offsetMs` places a chunk on
 * the stream's timeline.
 */
export class WordAligner {
  #word = '';
  #startMs = 0;
  #endMs = 0;
  /** Non-space characters aligned so far (used to tell when a text chunk is fully spoken). */
  spokenChars = 0;

  push(alignment: CharAlignment, offsetMs: number): TimedWord[] {
    const words: TimedWord[] = [];
    alignment.chars.forEach((char, index) => {
      const startMs = offsetMs + (alignment.charStartTimesMs[index] ?? 0);
      const endMs = startMs + (alignment.charDurationsMs[index] ?? 0);
      if (/\s/.test(char)) {
        const word = this.#take();
        if (word) words.push(word);
        return;
      }
      this.spokenChars++;
      if (this.#word === '') this.#startMs = startMs;
      this.#word += char;
      this.#endMs = Math.max(this.#endMs, endMs);
    });
    return words;
  }

  /** The word still open at the end of the stream. */
  flush(): TimedWord[] {
    const word = this.#take();
    return word ? [word] : [];
  }

  #take(): TimedWord | undefined {
    if (this.#word === '') return undefined;
    const word = {
      word: this.#word,
      startMs: Math.round(this.#startMs),
      endMs: Math.round(this.#endMs),
    };
    this.#word = '';
    this.#endMs = 0;
    return word;
  }
}

/** Counts the characters the aligner counts, so a chunk's end can be found in the alignment. */
export function countSpokenChars(text: string): number {
  return text.replace(/\s/g, '').length;
}
