import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type SpokenSegment, heardReplyText } from './heard-text.ts';

const timed: SpokenSegment = {
  text: 'Your order shipped yesterday.',
  kind: 'reply',
  audioStartMs: 0,
  audioEndMs: 1200,
  words: [
    { word: 'Your', startMs: 0, endMs: 300 },
    { word: 'order', startMs: 300, endMs: 600 },
    { word: 'shipped', startMs: 600, endMs: 900 },
    { word: 'yesterday.', startMs: 900, endMs: 1200 },
  ],
};

describe('heardReplyText', () => {
  it('keeps exactly the words whose audio finished playing', () => {
    assert.equal(heardReplyText([timed], 650), 'Your order');
    assert.equal(heardReplyText([timed], 900), 'Your order shipped');
  });

  it('leaves out filler phrases', () => {
    const filler: SpokenSegment = { ...timed, text: 'One moment.', kind: 'filler', words: [] };
    assert.equal(heardReplyText([filler, timed], 650), 'Your order');
  });

  it('estimates by character share when the TTS gave no word timings', () => {
    const untimed: SpokenSegment = { ...timed, words: [], text: 'aaa bbb ccc ddd' };
    assert.equal(heardReplyText([untimed], 600), 'aaa bbb');
  });

  it('estimates by speaking rate while a segment is still arriving', () => {
    const open: SpokenSegment = {
      ...timed,
      words: [],
      audioEndMs: undefined,
      text: 'one two three',
    };
    // 120 words a minute: 500 ms a word.
    assert.equal(heardReplyText([open], 1000, 120), 'one two');
  });

  it('never counts a sentence whose audio had not started', () => {
    const played: SpokenSegment = {
      ...timed,
      words: [],
      audioEndMs: 1200,
      text: 'Sorry for the wait.',
    };
    const unplayed: SpokenSegment = {
      text: 'Order 4 expected Thursday.',
      kind: 'reply',
      audioStartMs: -1,
      audioEndMs: undefined,
      words: [],
    };
    assert.equal(heardReplyText([played, unplayed], 2400), 'Sorry for the wait.');
  });
});
