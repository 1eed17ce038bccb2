import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadAgentResources } from '../../server/agent-resources.ts';
import type { AgentDefinition } from '../../spec/agent.ts';
import type { FakeHttpServer } from './fake-http.ts';
import { vectorStoresFromEnv } from './from-env.ts';
import { startPineconeFake } from './pinecone/fake-server.ts';
import { startQdrantFake } from './qdrant/fake-server.ts';

const signal = new AbortController().signal;
let dir = '';
let qdrant: FakeHttpServer;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-stores-'));
  qdrant = await startQdrantFake({ apiKey: 'qk' });
});
after(async () => {
  await qdrant.close();
  await rm(dir, { recursive: true, force: true });
});

describe('vectorStoresFromEnv', () => {
  it('keeps knowledge in sqlite-vec and caches in memory by default', async () => {
    const storeFor = vectorStoresFromEnv({}, { dataDir: dir });
    const store = storeFor({ agentId: 'support', kind: 'knowledge', dimensions: 4 });
    assert.equal(store?.name, 'sqlite-vec');
    await store?.close();
    assert.equal(storeFor({ agentId: 'support', kind: 'cache', dimensions: 4 }), undefined);
  });

  it('names the missing variable when a vendor store is chosen', () => {
    assert.throws(
      () => vectorStoresFromEnv({ PARLEY_VECTOR_STORE: 'qdrant' }, { dataDir: dir }),
      /QDRANT_URL is not set/,
    );
    assert.throws(
      () =>
        vectorStoresFromEnv(
          { PARLEY_VECTOR_STORE: 'pinecone', PINECONE_API_KEY: 'k' },
          { dataDir: dir },
        ),
      /PINECONE_INDEX_HOST is not set/,
    );
    assert.throws(
      () => vectorStoresFromEnv({ PARLEY_VECTOR_STORE: 'chroma' }, { dataDir: dir }),
      /unknown store "chroma"/,
    );
  });

  it('gives each agent and purpose its own Pinecone namespace', async () => {
    const pinecone = await startPineconeFake({ apiKey: 'pk', dimension: 2 });
    try {
      const storeFor = vectorStoresFromEnv(
        {
          PARLEY_VECTOR_STORE: 'pinecone',
          PINECONE_API_KEY: 'pk',
          PINECONE_INDEX_HOST: pinecone.url,
        },
        { dataDir: dir },
      );
      const knowledge = storeFor({ agentId: 'a', kind: 'knowledge', dimensions: 2 });
      const cache = storeFor({ agentId: 'a', kind: 'cache', dimensions: 2 });
      await knowledge?.upsert(
        [{ id: 'x', vector: Float32Array.from([1, 0]), text: 'x', metadata: {} }],
        signal,
      );
      assert.deepEqual(
        await cache?.query({ vector: Float32Array.from([1, 0]), topK: 1 }, signal),
        [],
      );
    } finally {
      await pinecone.close();
    }
  });
});

describe('agent resources on Qdrant', () => {
  it("ingests an agent's knowledge into Qdrant and retrieves from it, with the cache beside it", async () => {
    const knowledgeDir = join(dir, 'kb');
    await import('node:fs/promises').then((fs) => fs.mkdir(knowledgeDir, { recursive: true }));
    await writeFile(
      join(knowledgeDir, 'refunds.md'),
      '# Refunds\n\nRefunds are issued within 5 working days.\n',
    );
    await writeFile(
      join(knowledgeDir, 'router.md'),
      '# Router\n\nRestart the router when the internet is down.\n',
    );
    const agent = {
      id: 'kb',
      language: 'en-US',
      knowledgeDir,
      cache: {},
    } as unknown as AgentDefinition;
    const resources = await loadAgentResources([agent], {
      dataDir: dir,
      vectorStores: vectorStoresFromEnv(
        { PARLEY_VECTOR_STORE: 'qdrant', QDRANT_URL: qdrant.url, QDRANT_API_KEY: 'qk' },
        { dataDir: dir },
      ),
    });
    try {
      const { retriever, cache } = resources.sessionOptionsFor(agent);
      const [best] = (await retriever?.retrieve('when are refunds issued', signal)) ?? [];
      assert.equal(best?.source, 'refunds.md');
      await cache?.store(
        { question: 'When are refunds issued?', answer: 'In 5 days.', voiceKey: 'v' },
        signal,
      );
      assert.equal(
        (await cache?.lookup('when are refunds issued', 'v', signal))?.text,
        'In 5 days.',
      );
      assert.ok(
        qdrant.requests.some((r) => /\/collections\/parley_knowledge_kb_[^/]+\/points/.test(r)),
      );
      assert.ok(qdrant.requests.some((r) => r.includes('/collections/parley_cache_kb/points')));
    } finally {
      await resources.close();
    }
  });
});
