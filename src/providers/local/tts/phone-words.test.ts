import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTimedPhones, phoneGroups, wordsFromPhones } from './phone-words.ts';

const TIMED =
  'pau:0.220 hh:0.295 ax:0.342 l:0.426 ow:0.624 dh:0.679 eh:0.903 r:0.993 pau:1.213 y:1.300 uw:1.500 pau:1.700';

describe('parseTimedPhones', () => {
  it('reads phone:end-seconds pairs into phones with start and end ms', () => {
    assert.deepEqual(parseTimedPhones('pau:0.220 hh:0.295').slice(0, 2), [
      { phone: 'pau', startMs: 0, endMs: 220 },
      { phone: 'hh', startMs: 220, endMs: 295 },
    ]);
  });
});

describe('phoneGroups', () => {
  it('splits phones at pauses and drops empty groups', () => {
    assert.deepEqual(phoneGroups('pau hh ax pau pau dh eh r pau '), [
      ['hh', 'ax'],
      ['dh', 'eh', 'r'],
    ]);
  });
});

describe('wordsFromPhones', () => {
  it('gives each word the span of its phones, skipping pauses', () => {
    const words = wordsFromPhones(
      ['hello', 'there,', 'you'],
      [
        ['hh', 'ax', 'l', 'ow'],
        ['dh', 'eh', 'r'],
        ['y', 'uw'],
      ],
      parseTimedPhones(TIMED),
    );
    assert.deepEqual(words, [
      { word: 'hello', startMs: 220, endMs: 624 },
      { word: 'there,', startMs: 624, endMs: 993 },
      { word: 'you', startMs: 1213, endMs: 1500 },
    ]);
  });

  it('keeps word boundaries when connected speech changes or drops a phone', () => {
    const words = wordsFromPhones(
      ['hello', 'there,', 'you'],
      [
        ['hh', 'eh', 'l', 'ow', 'w'],
        ['dh', 'eh', 'r'],
        ['y', 'uw'],
      ],
      parseTimedPhones(TIMED),
    );
    assert.deepEqual(
      words?.map((word) => [word.startMs, word.endMs]),
      [
        [220, 624],
        [624, 993],
        [1213, 1500],
      ],
    );
  });

  it('refuses words and phone groups that do not pair up', () => {
    assert.equal(wordsFromPhones(['a', 'b'], [['ax']], parseTimedPhones(TIMED)), undefined);
  });
});
