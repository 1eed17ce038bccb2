import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildArpa } from './arpa.ts';

/** log10 probabilities of the n-grams of one order, keyed by their words. */
function section(arpa: string, order: number): Map<string, number> {
  const body = arpa.split(`\\${order}-grams:\n`)[1]?.split('\n\n')[0] ?? '';
  return new Map(
    body
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [p = '0', ...words] = line.split(' ');
        return [words.slice(0, order).join(' '), Number(p)] as const;
      }),
  );
}

describe('buildArpa', () => {
  const arpa = buildArpa([
    ['where', 'is', 'my', 'order'],
    ['refund', 'my', 'order'],
    ['where', 'is', 'my', 'refund'],
  ]);

  it('writes a header whose counts match the sections', () => {
    for (const order of [1, 2, 3]) {
      const declared = Number(new RegExp(`ngram ${order}=(\\d+)`).exec(arpa)?.[1]);
      assert.equal(declared, section(arpa, order).size, `order ${order}`);
    }
    assert.ok(arpa.trimEnd().endsWith('\\end\\'));
  });

  it('gives seen continuations most of their history’s mass and leaves some to back off', () => {
    const bigrams = section(arpa, 2);
    const afterMy = [...bigrams].filter(([pair]) => pair.startsWith('my ')).map(([, p]) => 10 ** p);
    const sum = afterMy.reduce((a, b) => a + b, 0);
    assert.ok(sum > 0.5 && sum < 1, String(sum));
    assert.ok((bigrams.get('my order') ?? -99) > (bigrams.get('my refund') ?? 0));
  });

  it('never predicts the sentence start', () => {
    assert.equal(section(arpa, 1).get('<s>'), -99);
  });

  it('refuses an empty corpus', () => {
    assert.throws(() => buildArpa([[]]), RangeError);
  });
});
