import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nextHint } from './hints.ts';

describe('café hints', () => {
  it('suggests a drink, then food, then the bill', () => {
    assert.match(nextHint({ items: [], hints: 0 }).phrase, /^Quiero un café/);
    assert.match(nextHint({ items: ['cortado'], hints: 0 }).phrase, /tostada/);
    assert.match(nextHint({ items: ['cortado', 'tostada'], hints: 0 }).phrase, /La cuenta/);
  });
});
