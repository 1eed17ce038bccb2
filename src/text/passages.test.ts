import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatPassagesForPrompt } from './passages.ts';

describe('formatPassagesForPrompt', () => {
  it('writes a header then one numbered line per passage with its source', () => {
    const text = formatPassagesForPrompt([
      { id: 'a', source: 'refunds.md', text: 'Refunds\nwithin  5 days.', score: 0.9 },
      { id: 'b', source: 'billing.md', text: 'Bills are due\n\nin 14 days.', score: 0.5 },
    ]);
    assert.equal(
      text,
      'Knowledge passages:\n[1] (refunds.md) Refunds within 5 days.\n[2] (billing.md) Bills are due in 14 days.',
    );
  });

  it('returns an empty string when there are no passages', () => {
    assert.equal(formatPassagesForPrompt([]), '');
  });
});
