import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FakeHttpServer } from '../fake-http.ts';
import { requestJson } from '../http-json.ts';
import { defineVectorStoreSuite } from '../store-suite.ts';
import { defineRetrievalOnStore } from '../vendor-store-checks.ts';
import { startPineconeFake } from './fake-server.ts';
import { createPineconeStore, PINECONE_API_VERSION } from './store.ts';

const API_KEY = 'test-pinecone-key';
const signal = new AbortController().signal;
/** One fake index per dimension, as Pinecone has one host per index. */
const indexes = new Map<number, FakeHttpServer>();
let namespaces = 0;
const indexFor = async (dimension: number): Promise<FakeHttpServer> => {
  let server = indexes.get(dimension);
  if (!server)
    indexes.set(dimension, (server = await startPineconeFake({ apiKey: API_KEY, dimension })));
  return server;
};
after(() => Promise.all([...indexes.values()].map((s) => s.close())));

const freshStore = async (dimensions: number) =>
  createPineconeStore({
    apiKey: API_KEY,
    indexHost: (await indexFor(dimensions)).url,
    namespace: `parley-${(namespaces += 1)}`,
    dimensions,
  });

defineVectorStoreSuite('pinecone (strict local fake)', async (dimensions) => ({
  store: await freshStore(dimensions),
}));

describe('pinecone store with the retriever and the cache', () => {
  defineRetrievalOnStore(freshStore);
});

describe('pinecone store', () => {
  it('keeps namespaces apart', async () => {
    const server = await indexFor(2);
    const one = createPineconeStore({
      apiKey: API_KEY,
      indexHost: server.url,
      namespace: 'one',
      dimensions: 2,
    });
    const two = createPineconeStore({
      apiKey: API_KEY,
      indexHost: server.url,
      namespace: 'two',
      dimensions: 2,
    });
    await one.upsert(
      [{ id: 'a', vector: Float32Array.from([1, 0]), text: 'a', metadata: {} }],
      signal,
    );
    assert.deepEqual(await two.query({ vector: Float32Array.from([1, 0]), topK: 5 }, signal), []);
  });

  it('refuses an index of another dimension before any write', async () => {
    const server = await indexFor(3);
    const store = createPineconeStore({ apiKey: API_KEY, indexHost: server.url, dimensions: 4 });
    await assert.rejects(store.query({ vector: new Float32Array(4), topK: 1 }, signal), {
      code: 'config',
    });
  });

  it("passes on Pinecone's refusal of an all-zero vector as a non-retryable provider error", async () => {
    const store = await freshStore(2);
    await assert.rejects(
      store.upsert([{ id: 'z', vector: new Float32Array(2), text: '', metadata: {} }], signal),
      (error: unknown) => {
        const e = error as { code: string; retryable: boolean; message: string };
        return e.code === 'provider' && !e.retryable && /non-zero/.test(e.message);
      },
    );
  });

  it('upserts more records than one request may carry in several batches', async () => {
    const store = await freshStore(2);
    const records = Array.from({ length: 2_100 }, (_, i) => ({
      id: `r${i}`,
      vector: Float32Array.from([1, i / 2_100]),
      text: `t${i}`,
      metadata: { i },
    }));
    await store.upsert(records, signal);
    const [best] = await store.query({ vector: Float32Array.from([1, 1]), topK: 1 }, signal);
    assert.equal(best?.id, 'r2099');
  });

  it('reports a wrong API key as a 401 that is not retried', async () => {
    const server = await indexFor(2);
    const store = createPineconeStore({ apiKey: 'wrong', indexHost: server.url, dimensions: 2 });
    await assert.rejects(store.query({ vector: Float32Array.from([1, 0]), topK: 1 }, signal), {
      code: 'provider',
      statusCode: 401,
      retryable: false,
    });
  });
});

describe('pinecone strict fake refuses what Pinecone refuses', () => {
  let url = '';
  before(async () => (url = (await indexFor(2)).url));
  const call = (path: string, body: unknown) =>
    requestJson({
      provider: 'pinecone',
      method: 'POST',
      url: `${url}${path}`,
      headers: { 'api-key': API_KEY, 'x-pinecone-api-version': PINECONE_API_VERSION },
      body,
      signal,
      timeoutMs: 5_000,
    });
  const refusal = (pattern: RegExp) => (error: unknown) => {
    const e = error as { statusCode?: number; body?: string };
    assert.equal(e.statusCode, 400);
    assert.match(e.body ?? '', pattern);
    assert.equal((JSON.parse(e.body ?? '{}') as { code?: number }).code, 3);
    return true;
  };

  it('refuses a vector of another dimension', () =>
    assert.rejects(
      call('/vectors/upsert', { vectors: [{ id: 'a', values: [1, 0, 0] }] }),
      refusal(/Vector dimension 3 does not match the dimension of the index 2/),
    ));
  it('refuses null and nested objects in metadata', () =>
    assert.rejects(
      call('/vectors/upsert', { vectors: [{ id: 'a', values: [1, 0], metadata: { x: null } }] }),
      refusal(/Metadata value must be a string, number, boolean or list of strings/),
    ));
  it('refuses metadata over 40 KB', () =>
    assert.rejects(
      call('/vectors/upsert', {
        vectors: [{ id: 'a', values: [1, 0], metadata: { t: 'x'.repeat(41_000) } }],
      }),
      refusal(/exceeds the limit of 40960 bytes/),
    ));
  it('refuses more than 1,000 vectors in one upsert', () =>
    assert.rejects(
      call('/vectors/upsert', {
        vectors: Array.from({ length: 1_001 }, (_, i) => ({ id: `v${i}`, values: [1, 0] })),
      }),
      refusal(/at most 1000 vectors/),
    ));
  it('refuses a topK above 10,000', () =>
    assert.rejects(
      call('/query', { vector: [1, 0], topK: 10_001 }),
      refusal(/topK must be an integer from 1 to 10000/),
    ));
  it('refuses an unknown filter operator', () =>
    assert.rejects(
      call('/query', { vector: [1, 0], topK: 1, filter: { agent: { $equals: 'x' } } }),
      refusal(/unknown operator \$equals/),
    ));
  it('refuses an id longer than 512 characters', () =>
    assert.rejects(
      call('/vectors/upsert', { vectors: [{ id: 'x'.repeat(513), values: [1, 0] }] }),
      refusal(/1 to 512 characters/),
    ));
});
