import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createFrameFifo } from './frame-fifo.ts';

const ramp = (from: number, count: number) =>
  Int16Array.from({ length: count }, (_, i) => from + i);
const copy = (frame: Int16Array, out: Int16Array) => out.set(frame);

describe('frame fifo', () => {
  it('adds no latency when chunks are whole frames', () => {
    const fifo = createFrameFifo(4);
    assert.deepEqual([...fifo.push(ramp(1, 8), copy)], [...ramp(1, 8)]);
    assert.equal(fifo.latencySamples, 0);
  });

  it('returns as many samples as it is given, delayed by less than a frame for odd chunks', () => {
    const fifo = createFrameFifo(4);
    const outputs = [
      fifo.push(ramp(1, 3), copy),
      fifo.push(ramp(4, 3), copy),
      fifo.push(ramp(7, 6), copy),
    ];
    assert.deepEqual(
      outputs.map((o) => o.length),
      [3, 3, 6],
    );
    assert.equal(fifo.latencySamples, 3);
    assert.deepEqual([...outputs.flatMap((o) => [...o])], [0, 0, 0, ...ramp(1, 9)]);
  });

  it('passes each complete frame to the processor in order', () => {
    const fifo = createFrameFifo(2);
    const seen: number[][] = [];
    fifo.push(ramp(1, 5), (frame, out) => {
      seen.push([...frame]);
      out.fill(0);
    });
    assert.deepEqual(seen, [
      [1, 2],
      [3, 4],
    ]);
  });
});
