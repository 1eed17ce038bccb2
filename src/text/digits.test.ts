import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { spokenZeroes } from './digits.ts';

describe('spokenZeroes', () => {
  it('reads "oh" between spoken digits as zero', () => {
    assert.equal(
      spokenZeroes('my order number is oh four five seven one', 'en-US'),
      'my order number is zero four five seven one',
    );
    assert.equal(spokenZeroes('five oh five', 'en'), 'five zero five');
  });
  it('leaves "oh" alone when no digit is beside it or a comma sets it apart', () => {
    assert.equal(spokenZeroes('oh okay', 'en'), 'oh okay');
    assert.equal(spokenZeroes('Oh, four of them.', 'en'), 'Oh, four of them.');
  });
  it('changes nothing in a language without a zero alias', () => {
    assert.equal(spokenZeroes('o cuatro', 'es-ES'), 'o cuatro');
  });
});
