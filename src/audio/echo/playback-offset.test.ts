import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  createPlaybackOffset,
  echoDelayMs,
  MAX_AHEAD_MS,
  readReport,
  seatFromReport,
} from './playback-offset.ts';
import { createFarEndTimeline } from './far-end-timeline.ts';

describe('playback offset', () => {
  it('is the median of the recent reports', () => {
    const offset = createPlaybackOffset(3);
    for (const ms of [40, 300, 60, 50]) offset.add(ms);
    assert.equal(offset.currentMs, 60);
  });

  it('is unknown before any report and after a clear', () => {
    const offset = createPlaybackOffset();
    assert.equal(offset.currentMs, undefined);
    offset.add(10);
    offset.clear();
    assert.equal(offset.currentMs, undefined);
  });
});

describe('echo delay', () => {
  it('is the playback delay plus the rest of the path behind it', () => {
    assert.equal(echoDelayMs(70, 260), 330);
  });

  it('is the tracked delay when there are no playback reports', () => {
    assert.equal(echoDelayMs(160, undefined), 160);
  });

  it('is the playback delay alone before the signals give an estimate', () => {
    assert.equal(echoDelayMs(undefined, 80), 80);
  });
});

describe('the seat a playback report gives a reply', () => {
  const inside = (offsetMs: number) => ({ offsetMs, atEnd: false });
  const atEnd = (offsetMs: number) => ({ offsetMs, atEnd: true });
  const minMoveMs = 0.03;

  it('is the offset of a report from inside what was sent, once', () => {
    assert.deepEqual(seatFromReport('none', 120, inside(20.5), minMoveMs), {
      seatMs: 20.5,
      source: 'exact',
    });
    assert.equal(seatFromReport('exact', 20.5, inside(60), minMoveMs), undefined);
  });

  it("is a report at the end of what was sent, never the last reply's seat above it", () => {
    assert.deepEqual(seatFromReport('none', 120, atEnd(0), minMoveMs), {
      seatMs: 0,
      source: 'bound',
    });
  });

  it("is a report at the end of what was sent even below it (the last reply's seat is another's)", () => {
    assert.deepEqual(seatFromReport('none', 0, atEnd(20), minMoveMs), {
      seatMs: 20,
      source: 'bound',
    });
  });

  it('moves down to a lower bound, and never up to a higher one', () => {
    assert.deepEqual(seatFromReport('bound', 60, atEnd(20), minMoveMs), {
      seatMs: 20,
      source: 'bound',
    });
    assert.equal(seatFromReport('bound', 20, atEnd(60), minMoveMs), undefined);
    assert.equal(seatFromReport('bound', 20, atEnd(20.01), minMoveMs), undefined);
  });

  it('gives way to a report from inside what was sent', () => {
    assert.deepEqual(seatFromReport('bound', 60, inside(40), minMoveMs), {
      seatMs: 40,
      source: 'exact',
    });
  });

  it('takes a report a little ahead of the near clock for no lag, and refuses one far ahead', () => {
    assert.deepEqual(seatFromReport('none', 120, inside(-15), minMoveMs), {
      seatMs: 0,
      source: 'bound',
    });
    assert.equal(seatFromReport('none', 120, inside(-MAX_AHEAD_MS - 1), minMoveMs), undefined);
  });
});

describe('a playback report read against the far end', () => {
  // 160 samples laid from near position 1000, 16 more sent but held; 16 samples a ms.
  const timeline = createFarEndTimeline(10_000);
  timeline.write(new Int16Array(160), 1_000);
  const context = { timeline, heldSamples: 16, frameSamples: 160, samplesPerMs: 16 };

  it('is the near clock against where the played sample was laid, inside what was sent', () => {
    assert.deepEqual(readReport({ ...context, nearPosition: 1_320 }, 0), {
      offsetMs: 20,
      atEnd: false,
    });
  });

  it('says all that was sent had played, held samples included', () => {
    assert.deepEqual(readReport({ ...context, nearPosition: 1_176 }, 176), {
      offsetMs: 0,
      atEnd: true,
    });
  });

  it('is refused beyond what was sent, or far ahead of the near clock', () => {
    assert.equal(readReport({ ...context, nearPosition: 2_000 }, 177), undefined);
    assert.equal(readReport({ ...context, nearPosition: 300 }, 160), undefined);
  });
});
