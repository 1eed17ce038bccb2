import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chooseFeedDelayMs } from './alignment.ts';

const base = { currentMs: 0, marginMs: 40, hysteresisMs: 15 };

describe('chooseFeedDelayMs', () => {
  it('feeds the far end a margin below the tracked delay', () => {
    assert.equal(chooseFeedDelayMs({ ...base, trackedMs: 200, playbackMs: undefined }), 160);
  });

  it('prefers the tracked delay over the playback reports', () => {
    assert.equal(chooseFeedDelayMs({ ...base, trackedMs: 100, playbackMs: 300 }), 60);
  });

  it('uses the playback reports until the signals give an estimate', () => {
    assert.equal(chooseFeedDelayMs({ ...base, trackedMs: undefined, playbackMs: 140 }), 100);
  });

  it('keeps the current feed delay for small moves of the estimate', () => {
    assert.equal(
      chooseFeedDelayMs({ ...base, currentMs: 160, trackedMs: 210, playbackMs: undefined }),
      160,
    );
  });

  it('never feeds the far end from the future', () => {
    assert.equal(
      chooseFeedDelayMs({ ...base, currentMs: 50, trackedMs: 10, playbackMs: undefined }),
      0,
    );
  });

  it('keeps the current feed delay when nothing is known', () => {
    assert.equal(
      chooseFeedDelayMs({ ...base, currentMs: 30, trackedMs: undefined, playbackMs: undefined }),
      30,
    );
  });
});
