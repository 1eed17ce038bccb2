import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { alignWords, wordWeight } from './word-align.ts';

const RATE = 16_000;

/** Tone bursts and silences, each [kind, ms]. */
function signal(parts: readonly (readonly ['tone' | 'gap', number])[]): Int16Array {
  const total = parts.reduce((sum, [, ms]) => sum + (ms * RATE) / 1000, 0);
  const out = new Int16Array(total);
  let at = 0;
  for (const [kind, ms] of parts) {
    const length = (ms * RATE) / 1000;
    if (kind === 'tone')
      for (let i = 0; i < length; i++) out[at + i] = Math.round(8000 * Math.sin(i / 5));
    at += length;
  }
  return out;
}

describe('alignWords', () => {
  it('pins word boundaries to the pauses between them', () => {
    const audio = signal([
      ['gap', 100],
      ['tone', 300],
      ['gap', 150],
      ['tone', 500],
      ['gap', 200],
    ]);
    assert.deepEqual(alignWords('hello, world', audio, RATE), [
      { word: 'hello,', startMs: 100, endMs: 400 },
      { word: 'world', startMs: 550, endMs: 1050 },
    ]);
  });

  it('shares an unbroken stretch of speech by syllable weight', () => {
    const audio = signal([['tone', 1000]]);
    const words = alignWords('a banana', audio, RATE);
    assert.equal(words[0]?.startMs, 0);
    assert.equal(words[1]?.endMs, 1000);
    const first = (words[0]?.endMs ?? 0) - (words[0]?.startMs ?? 0);
    const second = (words[1]?.endMs ?? 0) - (words[1]?.startMs ?? 0);
    assert.ok(second > 2 * first, `${first} vs ${second}`);
  });

  it('returns times in order and inside the audio even when pauses outnumber boundaries', () => {
    const audio = signal([
      ['tone', 200],
      ['gap', 100],
      ['tone', 200],
      ['gap', 100],
      ['tone', 200],
    ]);
    const words = alignWords('one two', audio, RATE);
    assert.equal(words.length, 2);
    assert.ok((words[0]?.endMs ?? 0) <= (words[1]?.startMs ?? 0));
    assert.ok((words[1]?.endMs ?? 0) <= 800);
  });

  it('returns nothing for blank text', () => {
    assert.deepEqual(alignWords('   ', signal([['tone', 100]]), RATE), []);
  });
});

describe('wordWeight', () => {
  it('weighs a three-syllable word above a one-syllable one', () => {
    assert.ok(wordWeight('banana') > wordWeight('cat'));
  });
});
