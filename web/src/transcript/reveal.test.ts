import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ESTIMATED_MS_PER_CHAR, heardTokenCount, tokensCoveredBy } from './reveal.ts';
import { stableWords } from './stable-interim.ts';

const tokens = 'We open at seven in the morning.'.split(' ');

describe('revealing a reply as it is heard', () => {
  it('shows a word once the playback reaches its start time', () => {
    const speech = { tokens, wordStartsMs: [0, 200, 450, 600, 900, 1000, 1150] };
    assert.equal(heardTokenCount(speech, 0), 0);
    assert.equal(heardTokenCount(speech, 10), 1);
    assert.equal(heardTokenCount(speech, 599), 3);
    assert.equal(heardTokenCount(speech, 600), 4);
    assert.equal(heardTokenCount(speech, 60_000), 7);
  });

  it('never shows more words than were written, whatever the timings say', () => {
    const speech = { tokens: ['Hi.'], wordStartsMs: [0, 100, 200] };
    assert.equal(heardTokenCount(speech, 500), 1);
  });

  it('estimates from the speaking rate when there are no word timings', () => {
    const speech = { tokens, wordStartsMs: [] };
    assert.equal(heardTokenCount(speech, 1), 1);
    const twoWordsMs = ('We'.length + 1 + 'open'.length + 1) * ESTIMATED_MS_PER_CHAR;
    assert.equal(heardTokenCount(speech, twoWordsMs), 3);
    assert.equal(heardTokenCount(speech, 60_000), tokens.length);
  });

  it('cuts at the heard text, ignoring case and punctuation', () => {
    assert.equal(tokensCoveredBy(tokens, 'we open at'), 3);
    assert.equal(tokensCoveredBy(tokens, ''), 0);
    assert.equal(tokensCoveredBy(tokens, 'We open at seven in the morning'), 7);
  });

  it('falls back to the heard word count when the heard text is worded differently', () => {
    assert.equal(tokensCoveredBy(tokens, 'we are open'), 3);
  });
});

describe('stable interim transcripts', () => {
  it('shows only the words two interims in a row agree on', () => {
    assert.equal(stableWords('', 'what'), '');
    assert.equal(stableWords('what', 'what time'), 'what');
    assert.equal(stableWords('what time', 'what time do'), 'what time');
    assert.equal(stableWords('what tim do', 'what time do you'), 'what');
  });
});
