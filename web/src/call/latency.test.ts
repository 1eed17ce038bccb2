import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detailRows, heardMs } from './latency.ts';
import { pressProblem } from './press-feedback.ts';
import { formatSeconds } from './strings.ts';

describe('the heard latency figure', () => {
  it('adds the page’s playout delay to the server’s first-audio time', () => {
    assert.equal(heardMs({ firstAudioMs: 300, playoutDelayMs: 120 }), 420);
  });

  it('is unknown until both halves are known', () => {
    assert.equal(heardMs({ firstAudioMs: 300 }), undefined);
    assert.equal(heardMs({ playoutDelayMs: 120 }), undefined);
  });

  it('is measured from the release for push-to-talk', () => {
    assert.equal(heardMs({ firstAudioMs: 9_000, playoutDelayMs: 100, sincePttUpMs: 650 }), 650);
  });

  it('is never negative', () => {
    assert.equal(heardMs({ firstAudioMs: -50, playoutDelayMs: 10 }), 10);
  });

  it('reads as seconds with two decimals in the page’s language', () => {
    assert.equal(formatSeconds(420, 'en'), '0.42');
    assert.equal(formatSeconds(1_234, 'es'), '1,23');
  });

  it('lists only the figures present, in pipeline order', () => {
    assert.deepEqual(detailRows({ firstAudioMs: 300.4, endpointingMs: 210, heardMs: 420 }), [
      ['endpointingMs', 210],
      ['firstAudioMs', 300],
      ['heardMs', 420],
    ]);
  });
});

describe('push-to-talk press feedback', () => {
  it('calls a tap too short', () => {
    assert.equal(pressProblem({ heldMs: 120, peakRms: 0.3 }), 'too-short');
  });

  it('calls a press with a silent microphone silent', () => {
    assert.equal(pressProblem({ heldMs: 1_500, peakRms: 0.001 }), 'silent');
  });

  it('finds nothing wrong with a held press that heard sound', () => {
    assert.equal(pressProblem({ heldMs: 1_500, peakRms: 0.1 }), undefined);
  });
});
