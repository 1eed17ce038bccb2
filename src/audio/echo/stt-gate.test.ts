import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createEchoSttGate } from './stt-gate.ts';

const chunk = (value: number) => ({ samples: new Int16Array(320).fill(value), sampleRate: 16_000 });
const values = (chunks: readonly { samples: Int16Array }[]) => chunks.map((c) => c.samples[0]);

describe('echo STT gate', () => {
  it('lets audio through when no echo is possible', () => {
    const gate = createEchoSttGate();
    assert.deepEqual(values(gate.push(chunk(1), 0, false)), [1]);
  });

  it('holds audio back while the agent echo is possible and nobody was heard', () => {
    const gate = createEchoSttGate();
    assert.deepEqual(gate.push(chunk(1), 0, true), []);
    assert.deepEqual(gate.push(chunk(2), 20, true), []);
  });

  it('releases the held audio from just before an accepted onset, then passes audio live', () => {
    const gate = createEchoSttGate(1_500, 40);
    for (let i = 0; i < 10; i++) gate.push(chunk(i), i * 20, true);
    assert.deepEqual(values(gate.open(140)), [5, 6, 7, 8, 9]);
    assert.deepEqual(values(gate.push(chunk(10), 200, true)), [10]);
    assert.equal(gate.isOpen, true);
  });

  it('holds back again once the user turn is over', () => {
    const gate = createEchoSttGate();
    gate.open(0);
    gate.shut();
    assert.deepEqual(gate.push(chunk(1), 0, true), []);
  });

  it('keeps at most the pre-roll', () => {
    const gate = createEchoSttGate(100, 10_000);
    for (let i = 0; i < 50; i++) gate.push(chunk(i), i * 20, true);
    assert.ok(gate.open(0).length <= 6);
  });
});
