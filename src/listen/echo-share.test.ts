import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EchoShareTracker } from './echo-share.ts';

describe('EchoShareTracker', () => {
  it('weights the echo share of the audio after an onset by duration', () => {
    const tracker = new EchoShareTracker();
    tracker.note(20, 20, 0);
    tracker.note(40, 20, 1);
    tracker.note(80, 40, 0.25);
    assert.equal(tracker.shareSince(20), (20 * 1 + 40 * 0.25) / 60);
  });
  it('falls back to the latest chunk when nothing after the onset has arrived', () => {
    const tracker = new EchoShareTracker();
    tracker.note(20, 20, 0.8);
    assert.equal(tracker.shareSince(100), 0.8);
    assert.equal(new EchoShareTracker().shareSince(0), 0);
  });
});
