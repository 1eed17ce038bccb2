import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { speechSpanMs } from './speech-extent.ts';

describe('speechSpanMs', () => {
  it('ignores low-level noise before and after a loud stretch', () => {
    const samples = new Int16Array(16_000);
    for (let i = 0; i < samples.length; i++) samples[i] = i % 2 === 0 ? 100 : -100;
    for (let i = 4_800; i < 9_600; i++) samples[i] = i % 2 === 0 ? 8_000 : -8_000;
    assert.deepEqual(speechSpanMs(samples), { startMs: 300, endMs: 600 });
  });
});
