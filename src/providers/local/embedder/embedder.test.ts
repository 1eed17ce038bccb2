import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLocalEmbedder } from './embedder.ts';
import { foldText, stem } from './text-features.ts';

const signal = new AbortController().signal;

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  for (let i = 0; i < a.length; i += 1) dot += (a[i] ?? 0) * (b[i] ?? 0);
  return dot;
}

describe('createLocalEmbedder', () => {
  it('returns one unit-length vector of the configured size per text', async () => {
    const embedder = createLocalEmbedder({ dimensions: 256 });
    const vectors = await embedder.embed(['the pump is leaking', 'reset my password'], signal);
    assert.equal(vectors.length, 2);
    for (const vector of vectors) {
      assert.equal(vector.length, 256);
      assert.ok(Math.abs(cosine(vector, vector) - 1) < 1e-5);
    }
  });

  it('is deterministic across instances', async () => {
    const [a] = await createLocalEmbedder().embed(['Bearing temperature too high'], signal);
    const [b] = await createLocalEmbedder().embed(['Bearing temperature too high'], signal);
    assert.deepEqual(a, b);
  });

  it('ranks a reworded sentence above an unrelated one', async () => {
    const embedder = createLocalEmbedder();
    const [query, related, unrelated] = await embedder.embed(
      ['how do I get a refund', 'Refunds are issued within 10 days', 'The pump discharge pressure'],
      signal,
    );
    assert.ok(query && related && unrelated);
    assert.ok(cosine(query, related) > cosine(query, unrelated));
  });

  it('treats accented and unaccented Spanish the same', async () => {
    const [a, b] = await createLocalEmbedder().embed(
      ['¿Cuándo llegará mi pedido?', 'cuando llegara mi pedido'],
      signal,
    );
    assert.ok(a && b);
    assert.ok(cosine(a, b) > 0.999);
  });

  it('returns a zero vector for text with only stop words', async () => {
    const [vector] = await createLocalEmbedder({ dimensions: 64 }).embed(['um, the, and'], signal);
    assert.ok(vector);
    assert.equal(cosine(vector, vector), 0);
  });

  it('rejects when the signal has already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(createLocalEmbedder().embed(['x'], controller.signal), {
      code: 'aborted',
    });
  });
});

describe('text folding', () => {
  it('folds case, accents and punctuation', () => {
    assert.equal(foldText('¡Ñandú, ÉXITO!'), 'nandu exito');
  });

  it('joins inflections under one stem', () => {
    assert.equal(stem('refunds'), stem('refunded'));
    assert.equal(stem('bearings'), stem('bearing'));
  });
});
