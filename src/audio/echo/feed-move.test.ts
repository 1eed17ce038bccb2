import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createFeedMover } from './feed-move.ts';
import { PERSON_HOLD_FRAMES, PERSON_WAIT_MAX_FRAMES } from './speex-tuning.ts';

const OPTIONS = { filterMs: 250, marginMs: 40, leastMs: 17 / 16 };

describe('the feed delay of the reference, frame by frame', () => {
  it('starts at the least feed delay and stays there while the delay is unknown', () => {
    const feed = createFeedMover(OPTIONS);
    assert.equal(feed.feedDelayMs, OPTIONS.leastMs);
    assert.equal(feed.afterFrame(undefined, false), false);
    assert.equal(feed.feedDelayMs, OPTIONS.leastMs);
  });

  it('moves to the margin below a first estimate out of reach, even while a person talks', () => {
    const feed = createFeedMover(OPTIONS);
    assert.equal(feed.afterFrame(300, true), true);
    assert.equal(feed.feedDelayMs, 260);
  });

  it('holds a small move while a person talks, and makes it once they have stopped', () => {
    const feed = createFeedMover(OPTIONS);
    feed.afterFrame(300, false);
    // The person drags the estimate 300 -> 230 ms: out of reach (less than 10 ms after 260 ms).
    feed.afterFrame(300, true);
    assert.equal(feed.afterFrame(265, true), false);
    let frames = 0;
    while (!feed.afterFrame(265, false)) frames++;
    assert.equal(feed.feedDelayMs, 225);
    assert.ok(frames <= PERSON_HOLD_FRAMES, `moved after ${frames} frames`);
    assert.ok(frames >= PERSON_HOLD_FRAMES - 2, `moved after ${frames} frames`);
  });

  it('makes a small move a person holds once it has waited too long', () => {
    const feed = createFeedMover(OPTIONS);
    feed.afterFrame(300, false);
    // The estimate the moved feed delay fits (a move does not count as fitting it).
    feed.afterFrame(300, false);
    let frames = 0;
    while (!feed.afterFrame(265, true)) frames++;
    // Held while it has waited no longer than the most, moved on the frame after.
    assert.equal(frames, PERSON_WAIT_MAX_FRAMES + 1);
  });

  it('does not hold a large move for a person', () => {
    const feed = createFeedMover(OPTIONS);
    feed.afterFrame(300, false);
    assert.equal(feed.afterFrame(100, true), true);
    assert.equal(feed.feedDelayMs, 60);
  });
});
