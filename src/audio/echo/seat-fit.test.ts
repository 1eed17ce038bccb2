import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FIT_MARGIN_DB, MIN_LEARNT_FRAMES, seatFits, type SeatFitInput } from './seat-fit.ts';

const fitting: SeatFitInput = {
  framesSinceSeat: 30,
  filterFrames: 25,
  maxFrames: 105,
  learntFrames: MIN_LEARNT_FRAMES,
  residualDb: -30,
  residualAtSeatDb: -31,
};

describe('whether the filter fits a new seat', () => {
  it('fits past the filter length when what it leaves has not risen', () => {
    assert.equal(seatFits(fitting), true);
  });

  it('does not fit while its history still holds the old seat', () => {
    assert.equal(seatFits({ ...fitting, framesSinceSeat: 24 }), false);
  });

  it('does not fit while what it leaves has risen past the margin (a seat half a ms off)', () => {
    assert.equal(seatFits({ ...fitting, residualDb: -31 + FIT_MARGIN_DB + 0.1 }), false);
  });

  it('does not judge on too few frames of echo since the seat', () => {
    assert.equal(seatFits({ ...fitting, learntFrames: MIN_LEARNT_FRAMES - 1 }), false);
  });

  it('does not fit before anything was learnt (a first reply)', () => {
    assert.equal(seatFits({ ...fitting, residualAtSeatDb: undefined }), false);
  });

  it('is trusted after the longest wait whatever it leaves', () => {
    assert.equal(seatFits({ ...fitting, framesSinceSeat: 105, residualDb: 0 }), true);
  });
});
