import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createPlaybackOffset, echoDelayMs } from './playback-offset.ts';

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
