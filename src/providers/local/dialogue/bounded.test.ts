import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { boundedUtterance, MAX_UTTERANCE_CHARS } from './bounded.ts';
import { buildIntentIndex, rankIntents } from './intent-matcher.ts';
import { supportScript } from './test-scripts.ts';

describe('bounded reading of long input', () => {
  it('keeps short text whole', () => {
    assert.equal(boundedUtterance('where is my order'), 'where is my order');
  });

  it('keeps only the latest words of long text, cut at a word', () => {
    const long = `${'blah '.repeat(500)}where is my order`;
    const bounded = boundedUtterance(long);
    assert.ok(bounded.length <= MAX_UTTERANCE_CHARS);
    assert.ok(bounded.endsWith('where is my order'));
    assert.ok(bounded.startsWith('blah'), bounded.slice(0, 10));
  });

  it('still finds the newest request at the end of a 2000-character merged turn', () => {
    const merged = `${'the weather is nice today and '.repeat(70)}when are you open`;
    assert.ok(merged.length > 2000);
    const index = buildIntentIndex(supportScript.intents);
    assert.equal(rankIntents(index, merged)[0]?.intent.name, 'opening_hours');
  });
});
