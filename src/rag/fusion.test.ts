import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fuseRankings } from './fusion.ts';

const vector = [
  { id: 'v1', score: 0.8 },
  { id: 'both', score: 0.6 },
];
const lexical = [
  { id: 'both', score: 12 },
  { id: 'l1', score: 6 },
];

describe('fuseRankings', () => {
  it('puts a candidate found by both sides first with weighted fusion', () => {
    const fused = fuseRankings(vector, lexical, 'weighted', 0.5);
    assert.equal(fused[0]?.id, 'both');
    assert.ok(Math.abs((fused[0]?.score ?? 0) - (0.5 * 0.6 + 0.5)) < 1e-9);
  });

  it('puts a candidate found by both sides first with reciprocal-rank fusion', () => {
    assert.equal(fuseRankings(vector, lexical, 'rrf', 0.5)[0]?.id, 'both');
  });

  it('follows the vector ranking alone when vectorWeight is 1', () => {
    const fused = fuseRankings(vector, lexical, 'weighted', 1);
    assert.deepEqual(
      fused.slice(0, 2).map((c) => c.id),
      ['v1', 'both'],
    );
    assert.equal(fused.find((c) => c.id === 'l1')?.score, 0);
  });

  it('ignores negative cosine scores', () => {
    const fused = fuseRankings([{ id: 'x', score: -0.4 }], [], 'weighted', 1);
    assert.equal(fused[0]?.score, 0);
  });
});
