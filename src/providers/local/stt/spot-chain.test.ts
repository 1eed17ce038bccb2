import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { spotChain, type SpotChainOptions } from './spot-chain.ts';
import type { Spot, UtteranceLoudness } from './spots.ts';

/** Loud from `fromMs` to `toMs` (ms from the utterance's start at 0, 10 ms frames). */
function loudness(fromMs: number, toMs: number, lengthMs = 1600): UtteranceLoudness {
  const loud = Array.from({ length: lengthMs / 10 }, (_, i) => i * 10 >= fromMs && i * 10 < toMs);
  return { startMs: 0, frameMs: 10, loud };
}
const spot = (phrase: string, startMs: number, endMs: number, score = -1900): Spot => ({
  phrase,
  startMs,
  endMs,
  score,
});
const OPTIONS: SpotChainOptions = { minScore: -2100, minSpots: 2, minCover: 0.6, maxGapMs: 0 };
const asking = (phrase: string) => ['hold on', 'one sec', 'hang on'].includes(phrase);

// The spots over flite slt's "Hold on a second." with the noise bed at a 3,140 ms lead.
const HOLD_ON_A_SECOND = [
  spot('no', 240, 440, -1357),
  spot('hold on', 410, 780, -1966),
  spot('one sec', 570, 1090, -1992),
  spot('mhm', 710, 1070, -1929),
  spot('hang on', 1040, 1420, -1881),
];

describe('spotChain', () => {
  it('joins overlapping spots of one kind that together span the utterance', () => {
    const chain = spotChain(HOLD_ON_A_SECOND, loudness(250, 1390), OPTIONS, asking);
    assert.equal(chain?.first.phrase, 'hold on');
    assert.deepEqual([chain?.startMs, chain?.endMs, chain?.spots.length], [410, 1420, 3]);
  });

  it('finds none when the chain spans too little of the loud frames', () => {
    assert.equal(spotChain(HOLD_ON_A_SECOND, loudness(0, 2000, 2000), OPTIONS, asking), undefined);
  });

  it('takes no spot scored under the floor, so a chain broken by one is too short', () => {
    const weak = HOLD_ON_A_SECOND.map((s) => (s.phrase === 'one sec' ? { ...s, score: -2200 } : s));
    assert.equal(spotChain(weak, loudness(250, 1390), OPTIONS, asking), undefined);
  });

  it('needs more than one spot: one alone is the lone-spot rule’s to judge', () => {
    const one = [spot('hold on', 100, 1000)];
    assert.equal(spotChain(one, loudness(100, 1000), OPTIONS, asking), undefined);
  });

  it('does not join spots with a gap between them unless told', () => {
    const apart = [spot('hold on', 100, 500), spot('hang on', 600, 1000)];
    assert.equal(spotChain(apart, loudness(100, 1000), OPTIONS, asking), undefined);
    const joined = spotChain(apart, loudness(100, 1000), { ...OPTIONS, maxGapMs: 100 }, asking);
    assert.deepEqual([joined?.startMs, joined?.endMs], [100, 1000]);
  });

  it('begins with the best scored of the spots that start together', () => {
    const spots = [spot('hang on', 100, 500, -2050), spot('hold on', 100, 520, -1800)];
    const chain = spotChain(
      [...spots, spot('one sec', 450, 900)],
      loudness(100, 900),
      OPTIONS,
      asking,
    );
    assert.equal(chain?.first.phrase, 'hold on');
  });

  it('finds nothing in an utterance with no loud frame', () => {
    assert.equal(spotChain(HOLD_ON_A_SECOND, loudness(0, 0), OPTIONS, asking), undefined);
  });
});
