import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { WordTiming } from '../../../spec/model.ts';
import type { Spot } from './spots.ts';
import {
  DEFAULT_SPOTTED,
  otherReadings,
  spottedInstead,
  spotWords,
  wholeUtteranceSpot,
  type HeardWords,
  type UtteranceLoudness,
} from './spotted.ts';

/** Loud from `fromMs` to `toMs` of a 10 ms-frame utterance starting at 1000 ms. */
function loudness(fromMs: number, toMs: number, lengthMs = 1000): UtteranceLoudness {
  const loud = Array.from({ length: lengthMs / 10 }, (_, i) => i * 10 >= fromMs && i * 10 < toMs);
  return { startMs: 1000, frameMs: 10, loud };
}
const spot = (phrase: string, startMs: number, endMs: number): Spot => ({
  phrase,
  startMs: 1000 + startMs,
  endMs: 1000 + endMs,
  score: -1500,
});
const word = (text: string, startMs: number, endMs: number): WordTiming => ({
  word: text,
  startMs: 1000 + startMs,
  endMs: 1000 + endMs,
});
const never = () => false;
/** The rule's mechanics at a lower cover than the default's. */
const OPTIONS = { ...DEFAULT_SPOTTED, minCover: 0.5 };

describe('wholeUtteranceSpot', () => {
  it('takes a spot only when it spans enough of the loud frames', () => {
    const spots = [spot('no', 100, 200), spot('right', 100, 500), spot('hey', 450, 600)];
    assert.equal(
      wholeUtteranceSpot(spots, loudness(100, 600), { minCover: 0.5, minScore: -3000 })?.phrase,
      'right',
    );
    assert.equal(
      wholeUtteranceSpot(spots, loudness(100, 600), { minCover: 0.9, minScore: -3000 }),
      undefined,
    );
  });

  it('prefers the better-scored of two spots that both cover enough', () => {
    const sure = { ...spot('sure', 100, 340), score: -1791 };
    const right = { ...spot('right', 290, 530), score: -1755 };
    assert.equal(wholeUtteranceSpot([sure, right], loudness(110, 490), OPTIONS)?.phrase, 'right');
  });

  it('finds nothing in an utterance with no loud frame', () => {
    assert.equal(wholeUtteranceSpot([spot('no', 0, 100)], loudness(0, 0)), undefined);
  });
});

describe('otherReadings', () => {
  // Seen with flite awb's "uh-huh" over the noise bed: "no" scored a hair above "uh huh".
  it('gives every phrase spotted over the utterance but its text, the best scored first', () => {
    const no = { ...spot('no', 100, 230), score: -1660 };
    const uhHuh = { ...spot('uh huh', 40, 170), score: -1663 };
    const mhm = { ...spot('mhm', 0, 300), score: -1740 };
    const readings = otherReadings('no', [mhm, uhHuh, no], loudness(0, 250), OPTIONS);
    assert.deepEqual(readings, ['uh huh', 'mhm']);
  });

  // Seen with flite rms's "wait" over the noise bed: the search put "hmm" and "yeah" over it too.
  it('leaves out phrases scored far below the best: those are the search fitting any short sound', () => {
    const wait = { ...spot('wait', 70, 270), score: -1400 };
    const hmm = { ...spot('hmm', 40, 280), score: -1639 };
    assert.deepEqual(otherReadings('wait', [hmm, wait], loudness(0, 300), OPTIONS), []);
    assert.deepEqual(otherReadings('way', [hmm, wait], loudness(0, 300), OPTIONS), ['wait']);
  });

  it('leaves out spots over only part of the utterance, scored too low, or named twice', () => {
    const partial = spot('right', 0, 100);
    const weak = { ...spot('sure', 0, 500), score: -2500 };
    const twice = [spot('yeah', 0, 400), { ...spot('yeah', 50, 450), score: -1600 }];
    const readings = otherReadings('we like', [partial, weak, ...twice], loudness(0, 500), OPTIONS);
    assert.deepEqual(readings, ['yeah']);
  });
});

describe('spottedInstead', () => {
  const heard = (over: Partial<HeardWords>): HeardWords => ({
    text: "we're like",
    words: [word("we're", 150, 360), word('like', 360, 640)],
    source: 'lm',
    spots: [spot('right', 290, 600)],
    ...over,
  });

  it('reports a spotted phrase over an utterance the language model misheard', () => {
    const instead = spottedInstead(heard({}), loudness(150, 600), OPTIONS, never);
    assert.equal(instead?.text, 'right');
    assert.deepEqual(instead?.words, [{ word: 'right', startMs: 1290, endMs: 1600 }]);
  });

  it('keeps a sentence that holds a turn-taking phrase among other words', () => {
    const sentence = heard({
      text: 'get me a manager right now',
      words: ['get', 'me', 'a', 'manager', 'right', 'now'].map((w, i) =>
        word(w, i * 150, i * 150 + 150),
      ),
      spots: [spot('right', 600, 750)],
    });
    assert.equal(spottedInstead(sentence, loudness(0, 900), OPTIONS, never), undefined);
  });

  it('keeps the decoders words when they already say the spotted phrase', () => {
    const said = heard({ text: 'right', words: [word('right', 290, 600)] });
    assert.equal(spottedInstead(said, loudness(150, 600), OPTIONS, never), undefined);
  });

  it("keeps the grammar's phrase unless that phrase is itself a turn-taking one", () => {
    const grammar = heard({ text: 'sure', words: [word('sure', 150, 530)], source: 'grammar' });
    const spots = [spot('sorry', 120, 560)];
    const input = { ...grammar, spots };
    assert.equal(spottedInstead(input, loudness(110, 550), OPTIONS, never), undefined);
    const isTurnTaking = (text: string) => text === 'sure';
    assert.equal(spottedInstead(input, loudness(110, 550), OPTIONS, isTurnTaking)?.text, 'sorry');
  });

  // flite awb's "uh-huh" over noise: the decoders heard "so", the search "no" 3 above "uh huh".
  it('keeps the decoders words when a phrase that stops the agent ties with one that does not', () => {
    const misheard = heard({ text: 'so', words: [word('so', 150, 500)] });
    const no = { ...spot('no', 250, 480), score: -1660 };
    const tied = { ...misheard, spots: [no, { ...spot('uh huh', 190, 420), score: -1663 }] };
    assert.equal(spottedInstead(tied, loudness(150, 500), OPTIONS, never), undefined);
    const clear = { ...misheard, spots: [no, { ...spot('uh huh', 190, 420), score: -1800 }] };
    assert.equal(spottedInstead(clear, loudness(150, 500), OPTIONS, never)?.text, 'no');
    const sameKind = { ...misheard, spots: [no, { ...spot('nope', 190, 420), score: -1663 }] };
    assert.equal(spottedInstead(sameKind, loudness(150, 500), OPTIONS, never)?.text, 'no');
  });

  // RHVoice clb's "One moment." over noise: the grammar heard it, the search scored "mhm" higher.
  it("keeps the decoders' turn-taking phrase when the search spotted it over the utterance too", () => {
    const grammar = heard({
      text: 'one moment',
      words: [word('one', 120, 400)],
      source: 'grammar',
    });
    const spots = [{ ...spot('one moment', 120, 830), score: -1758 }, spot('mhm', 220, 810)];
    const isTurnTaking = (text: string) => text === 'one moment';
    const input = { ...grammar, words: [word('one', 120, 400), word('moment', 400, 830)], spots };
    assert.equal(spottedInstead(input, loudness(90, 970), OPTIONS, isTurnTaking), undefined);
    const unspotted = { ...input, spots: [spot('mhm', 220, 810)] };
    assert.equal(spottedInstead(unspotted, loudness(90, 970), OPTIONS, isTurnTaking)?.text, 'mhm');
  });

  // espeak-ng's "Stop.": the grammar forced it onto "aha", spotted over less of it, far lower.
  it("replaces the decoders' phrase with a spot over more of the utterance, though theirs was spotted", () => {
    const grammar = heard({ text: 'aha', words: [word('aha', 90, 320)], source: 'grammar' });
    const spots = [
      { ...spot('stop', 0, 330), score: -1322 },
      { ...spot('aha', 90, 320), score: -1783 },
    ];
    const isTurnTaking = (text: string) => text === 'aha';
    const instead = spottedInstead({ ...grammar, spots }, loudness(0, 330), OPTIONS, isTurnTaking);
    assert.equal(instead?.text, 'stop');
  });

  // Pico's "Hold on a sec." over noise: the language model heard "hold on for".
  it('reports a spotted way of asking for time the decoders heard with one word after it', () => {
    const lm = heard({
      text: 'hold on for',
      words: [word('hold', 90, 310), word('on', 310, 480), word('for', 650, 870)],
      spots: [{ ...spot('hold on', 90, 460), score: -1542 }],
    });
    assert.equal(spottedInstead(lm, loudness(110, 890), DEFAULT_SPOTTED, never)?.text, 'hold on');
    const twoAfter = {
      ...lm,
      text: 'hold on the four',
      words: [...lm.words!, word('four', 880, 900)],
    };
    assert.equal(spottedInstead(twoAfter, loudness(110, 890), DEFAULT_SPOTTED, never), undefined);
    const backchannel = heard({ text: 'right now', spots: [spot('right', 150, 500)] });
    assert.equal(
      spottedInstead(backchannel, loudness(150, 640), DEFAULT_SPOTTED, never),
      undefined,
    );
  });

  it('does nothing without spots', () => {
    assert.equal(spottedInstead(heard({ spots: [] }), loudness(0, 900), OPTIONS, never), undefined);
  });
});

describe('spotWords', () => {
  it("shares the phrase's span out among its words", () => {
    assert.deepEqual(spotWords({ phrase: 'hold on', startMs: 100, endMs: 500, score: 0 }), [
      { word: 'hold', startMs: 100, endMs: 300 },
      { word: 'on', startMs: 300, endMs: 500 },
    ]);
  });
});

// flite slt's "Hold on a second." over the noise bed (lead 3,140 ms): heard "the oh my".
describe('spottedInstead, ways of asking for time spotted one after another', () => {
  const lm: HeardWords = {
    text: 'the oh my',
    words: [word('the', 230, 310), word('oh', 310, 560), word('my', 560, 760)],
    source: 'lm',
    spots: [
      { ...spot('no', 240, 440), score: -1357 },
      { ...spot('hold on', 410, 780), score: -1966 },
      { ...spot('one sec', 570, 1090), score: -1992 },
      { ...spot('mhm', 710, 1070), score: -1929 },
      { ...spot('hang on', 1040, 1420), score: -1881 },
    ],
  };
  const loud = loudness(250, 1390, 1500);

  it('reports the way of asking for time they begin with, its words over all of them', () => {
    const instead = spottedInstead(lm, loud, DEFAULT_SPOTTED, never);
    assert.equal(instead?.text, 'hold on');
    assert.deepEqual(instead?.words, [
      { word: 'hold', startMs: 1410, endMs: 1915 },
      { word: 'on', startMs: 1915, endMs: 2420 },
    ]);
  });

  it('leaves it to the decoders when the chain is off or they heard a way of asking for time', () => {
    const off = { ...DEFAULT_SPOTTED, askingForTimeChain: undefined };
    assert.equal(spottedInstead(lm, loud, off, never), undefined);
    const heardIt = { ...lm, text: 'hold on a second' };
    assert.equal(spottedInstead(heardIt, loud, DEFAULT_SPOTTED, never), undefined);
  });

  it('keeps a sentence with more than one word beside the chain', () => {
    const sentence = {
      ...lm,
      text: 'can you hold on to my order please',
      words: ['can', 'you', 'hold', 'on', 'to', 'my', 'order', 'please'].map((w, i) =>
        word(w, 250 + i * 140, 390 + i * 140),
      ),
    };
    assert.equal(spottedInstead(sentence, loud, DEFAULT_SPOTTED, never), undefined);
  });

  it('keeps a phrase the grammar chose that is not a turn-taking one (its digits)', () => {
    const grammar = { ...lm, text: 'four oh oh one', source: 'grammar' as const };
    assert.equal(spottedInstead(grammar, loud, DEFAULT_SPOTTED, never), undefined);
  });
});
