import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { languageTable } from '../text/language.ts';
import {
  finalReadsAsBackchannel,
  holdsInterruptingWord,
  interruptingWordCount,
  isBackchannel,
} from './backchannel.ts';

const EN = languageTable('en').backchannels;
const ES = languageTable('es').backchannels;
const noise = (text: string) => isBackchannel(text, EN, 'en-US');

describe('isBackchannel', () => {
  it('takes backchannels alone or in a row for a listener noise', () => {
    for (const text of ['mhm', 'Mm-hmm.', 'okay', 'Yeah, right.', 'uh huh', 'got it'])
      assert.ok(noise(text), text);
  });

  it('takes stray letters, hesitations and bare function words (a recogniser spelling a hum) for noise', () => {
    // What pocketsphinx made of flite's "mhm" and "mm-hmm" (said "em aitch em") in four voices.
    for (const text of ['m h m', 'mhm h m m', 'm m h m m', 'uh', 'uh the', 'and', 'the m'])
      assert.ok(noise(text), text);
  });

  it('takes backchannels with fillers and letters around them for noise', () => {
    for (const text of ['uh okay', 'okay uh', 'h mhm', 'so yeah']) assert.ok(noise(text), text);
  });

  it('keeps a real word among fillers and letters as words', () => {
    for (const text of ['m h imp', 'the thigh', 'and eight chan', 'a b c d e f seven', 'i think'])
      assert.ok(!noise(text), text);
  });

  it('keeps requests, however short, as words', () => {
    for (const text of ['What about my phone?', 'no', 'wait', 'okay so what about the price', 'i'])
      assert.ok(!noise(text), text);
  });

  it('counts nothing of an empty transcript as noise', () => {
    assert.ok(!noise(''));
    assert.ok(!noise(' , '));
  });

  it("reads single letters by the language's own one-letter words", () => {
    assert.ok(isBackchannel('e', EN, 'en-US'), '"e" is a stray letter in English');
    assert.ok(!isBackchannel('e', ES, 'es-ES'), '"e" is a word in Spanish');
    assert.ok(isBackchannel('m h', ES, 'es-ES'));
  });
});

describe('interruptingWordCount', () => {
  it('counts no word of a listener noise and every word of anything else', () => {
    assert.equal(interruptingWordCount('m h m', EN, 'en'), 0);
    assert.equal(interruptingWordCount('uh okay', EN, 'en'), 0);
    assert.equal(interruptingWordCount('uh what about it', EN, 'en'), 4);
  });
});

describe('holdsInterruptingWord', () => {
  it('finds "wait" and "hold on" anywhere in the words, and nothing in a backchannel', () => {
    assert.ok(holdsInterruptingWord('oh wait a second', 'en'));
    assert.ok(holdsInterruptingWord('hold on', 'en'));
    assert.ok(!holdsInterruptingWord('mm hmm', 'en'));
  });
});

describe('finalReadsAsBackchannel', () => {
  const interruption = { backchannels: EN };
  const reads = (text: string, interim: string, alternatives?: string[]) =>
    finalReadsAsBackchannel({ text, alternatives }, interim, interruption, 'en-US');

  it('reads a final that took back an interim "mhm" as "mhm"', () => {
    assert.ok(reads('to make sure', 'mhm'));
  });

  it('reads nothing into a final that went on from the interim', () => {
    assert.ok(!reads('okay what about my phone', 'okay'));
  });

  it('reads nothing into an interim of fillers alone', () => {
    assert.ok(!reads('stop', 'so'));
    assert.ok(!reads('stop', 'the'));
  });

  it('still reads the final by its other readings', () => {
    assert.ok(reads('hang on', 'one eight', ['mhm']));
    assert.ok(!reads('hang on', 'one eight', ['stop']));
  });
});
