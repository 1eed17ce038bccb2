import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FakeHttpServer } from '../fake-http.ts';
import { requestJson } from '../http-json.ts';
import { defineVectorStoreSuite } from '../store-suite.ts';
import { defineRetrievalOnStore } from '../vendor-store-checks.ts';
import { startQdrantFake } from './fake-server.ts';
import { pointIdFor } from './point-id.ts';
import { createQdrantStore } from './store.ts';

const API_KEY = 'test-qdrant-key';
const signal = new AbortController().signal;
let server: FakeHttpServer;
let collections = 0;
before(async () => (server = await startQdrantFake({ apiKey: API_KEY })));
after(() => server.close());

const freshStore = (dimensions: number) =>
  createQdrantStore({
    url: server.url,
    apiKey: API_KEY,
    collection: `parley_${(collections += 1)}`,
    dimensions,
  });

defineVectorStoreSuite('qdrant (strict local fake)', (dimensions) =>
  Promise.resolve({ store: freshStore(dimensions) }),
);

describe('qdrant store with the retriever and the cache', () => {
  defineRetrievalOnStore((dimensions) => Promise.resolve(freshStore(dimensions)));
});

describe('qdrant store', () => {
  it('names points by a stable UUID derived from the record id', () => {
    assert.match(
      pointIdFor('pump.md#3'),
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    assert.equal(pointIdFor('pump.md#3'), pointIdFor('pump.md#3'));
    assert.notEqual(pointIdFor('pump.md#3'), pointIdFor('pump.md#4'));
  });

  it('creates a payload index for each filter key before filtering on it', async () => {
    const store = freshStore(2);
    await store.upsert(
      [{ id: 'a', vector: Float32Array.from([1, 0]), text: 'a', metadata: { level: 1.5 } }],
      signal,
    );
    const matches = await store.query(
      { vector: Float32Array.from([1, 0]), topK: 1, filter: { level: 1.5 } },
      signal,
    );
    assert.deepEqual(
      matches.map((m) => m.id),
      ['a'],
    );
    assert.ok(server.requests.some((r) => r.endsWith('/index')));
  });

  it('refuses a collection that exists with another vector size', async () => {
    const first = createQdrantStore({
      url: server.url,
      apiKey: API_KEY,
      collection: 'sized',
      dimensions: 3,
    });
    await first.upsert(
      [{ id: 'a', vector: Float32Array.from([1, 0, 0]), text: 'a', metadata: {} }],
      signal,
    );
    const second = createQdrantStore({
      url: server.url,
      apiKey: API_KEY,
      collection: 'sized',
      dimensions: 4,
    });
    await assert.rejects(second.query({ vector: new Float32Array(4), topK: 1 }, signal), {
      code: 'config',
    });
  });

  it("reports a wrong API key as a non-retryable provider error with Qdrant's message", async () => {
    const store = createQdrantStore({
      url: server.url,
      apiKey: 'wrong',
      collection: 'x',
      dimensions: 2,
    });
    await assert.rejects(
      store.query({ vector: Float32Array.from([1, 0]), topK: 1 }, signal),
      (error: unknown) => {
        const e = error as {
          code: string;
          retryable: boolean;
          statusCode: number;
          message: string;
        };
        return (
          e.code === 'provider' && !e.retryable && e.statusCode === 401 && /API key/.test(e.message)
        );
      },
    );
  });

  it('reports an unreachable server as a retryable provider error', async () => {
    const store = createQdrantStore({ url: 'http://127.0.0.1:9', collection: 'x', dimensions: 2 });
    await assert.rejects(store.query({ vector: Float32Array.from([1, 0]), topK: 1 }, signal), {
      code: 'provider',
      retryable: true,
    });
  });
});

describe('qdrant strict fake refuses what Qdrant refuses', () => {
  const call = (method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown, apiKey = API_KEY) =>
    requestJson({
      provider: 'qdrant',
      method,
      url: `${server.url}${path}`,
      headers: { 'api-key': apiKey },
      body,
      signal,
      timeoutMs: 5_000,
    });
  const refusal = (status: number, pattern: RegExp) => (error: unknown) => {
    const e = error as { statusCode?: number; body?: string };
    assert.equal(e.statusCode, status);
    assert.match(e.body ?? '', pattern);
    return true;
  };
  before(() => call('PUT', '/collections/rules', { vectors: { size: 2, distance: 'Cosine' } }));

  it('refuses a request without the API key', () =>
    assert.rejects(call('GET', '/collections/rules', undefined, 'nope'), refusal(401, /API key/)));
  it('refuses a string point id that is not a UUID', () =>
    assert.rejects(
      call('PUT', '/collections/rules/points', { points: [{ id: 'pump.md#3', vector: [1, 0] }] }),
      refusal(400, /not a valid point ID/),
    ));
  it('refuses a vector of the wrong dimension', () =>
    assert.rejects(
      call('PUT', '/collections/rules/points', { points: [{ id: 1, vector: [1, 0, 0] }] }),
      refusal(400, /expected dim: 2, got 3/),
    ));
  it('refuses a filter on a key with no payload index (strict mode)', () =>
    assert.rejects(
      call('POST', '/collections/rules/points/query', {
        query: [1, 0],
        limit: 1,
        filter: { must: [{ key: 'metadata.agent', match: { value: 'support' } }] },
      }),
      refusal(400, /Index required but not found/),
    ));
  it('refuses a fractional number in a match condition', () =>
    assert.rejects(
      call('POST', '/collections/rules/points/query', {
        query: [1, 0],
        limit: 1,
        filter: { must: [{ key: 'metadata.level', match: { value: 1.5 } }] },
      }),
      refusal(400, /did not match any variant/),
    ));
  it('refuses an unknown distance and a second collection of the same name', async () => {
    await assert.rejects(
      call('PUT', '/collections/other', { vectors: { size: 2, distance: 'cosine' } }),
      refusal(400, /unknown variant/),
    );
    await assert.rejects(
      call('PUT', '/collections/rules', { vectors: { size: 2, distance: 'Cosine' } }),
      refusal(409, /already exists/),
    );
  });
  it("answers a missing collection with 404 and Qdrant's message", () =>
    assert.rejects(call('GET', '/collections/missing'), refusal(404, /doesn't exist/)));
});
