import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Framer } from './framer.ts';

describe('Framer', () => {
  it('cuts chunks into whole frames and carries the remainder into the next chunk', () => {
    const framer = new Framer(4);
    const first = [...framer.push(Int16Array.from([1, 2, 3, 4, 5, 6]))];
    const second = [...framer.push(Int16Array.from([7, 8, 9]))];
    assert.deepEqual(
      first.map((frame) => [...frame]),
      [[1, 2, 3, 4]],
    );
    assert.deepEqual(
      second.map((frame) => [...frame]),
      [[5, 6, 7, 8]],
    );
    assert.deepEqual([...framer.flush()], [9]);
    assert.deepEqual([...framer.flush()], []);
  });
});
