import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createShareHistory, isOwnVoiceOnset, userTookOver } from './own-voice.ts';

function history(shares: readonly number[], chunkMs = 20) {
  const h = createShareHistory();
  shares.forEach((share, i) => h.record(i * chunkMs, (i + 1) * chunkMs, share));
  return h;
}

describe('own-voice onset', () => {
  it('is own voice when the chunks from the onset on are mostly echo', () => {
    const h = history([0, 0, 0, 0, 0.9, 0.8, 1, 0.7, 0.9, 1]);
    assert.equal(isOwnVoiceOnset(h, 80, 200), true);
  });

  it('is not own voice when a person talks over the echo', () => {
    const h = history([1, 1, 1, 1, 0.1, 0.05, 0.2, 0.1, 0, 0.1]);
    assert.equal(isOwnVoiceOnset(h, 80, 200), false);
  });

  it('reaches back at least the minimum window when the VAD reports at once', () => {
    const h = history([0.9, 0.9, 0.9, 0.9, 0.9, 0.1]);
    assert.equal(isOwnVoiceOnset(h, 100, 120, 0.5, 100), true);
  });

  it('is not own voice when nothing was recorded (no canceller, no agent audio)', () => {
    assert.equal(isOwnVoiceOnset(createShareHistory(), 0, 100), false);
  });

  it('weights chunks by how much of them lies in the window', () => {
    const h = createShareHistory();
    h.record(0, 100, 1);
    h.record(100, 110, 0);
    assert.equal(h.meanShare(50, 110), 50 / 60);
  });

  it('forgets chunks older than it keeps', () => {
    const h = createShareHistory(1_000);
    for (let i = 0; i < 200; i++) h.record(i * 20, (i + 1) * 20, i < 100 ? 1 : 0);
    assert.equal(h.meanShare(0, 1_000), undefined);
  });
});

describe('agent playing on the audio clock', () => {
  it('says whether the agent echo could be in the audio at a given ms', () => {
    const h = createShareHistory();
    h.record(0, 20, 0, false);
    h.record(20, 40, 0.9, true);
    h.record(40, 60, 0, false);
    assert.equal(h.agentPlayingAt(10), true);
    assert.equal(h.agentPlayingAt(30), true);
    assert.equal(h.agentPlayingAt(50), false);
    assert.equal(h.agentPlayingAt(-5), false);
  });
});

describe('user taking over an echo segment', () => {
  it('is seen when the last 200 ms are mostly not echo', () => {
    const h = history([1, 1, 1, 1, 0.9, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1]);
    assert.equal(userTookOver(h, 300), true);
  });

  it('is not seen while the audio is still mostly echo', () => {
    const h = history([1, 1, 1, 0.2, 1, 0.9, 1, 0.1, 1, 1]);
    assert.equal(userTookOver(h, 200), false);
  });
});
