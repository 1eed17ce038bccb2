import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { createLocalEmbedder } from '../providers/local/embedder/embedder.ts';
import type { VectorStore } from '../spec/retrieval.ts';
import { listAgentChunks } from './agent-chunks.ts';
import { createHybridRetriever } from './hybrid-retriever.ts';
import { ingestFolder } from './ingest.ts';
import { createLexicalIndex } from './lexical-index.ts';
import { createMemoryVectorStore } from './stores/memory.ts';

const signal = new AbortController().signal;
const embedder = createLocalEmbedder({ dimensions: 256 });

describe('ingestFolder', () => {
  let dir: string;
  let store: VectorStore;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parley-kb-'));
    store = createMemoryVectorStore({ dimensions: 256 });
    await writeFile(join(dir, 'a.md'), '# A\n\n## One\n\nfirst part\n\n## Two\n\nsecond part\n');
    await writeFile(join(dir, 'b.txt'), 'plain text file about gearboxes');
    await writeFile(join(dir, 'skip.json'), '{}');
  });
  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('stores every chunk of the text files under agentId:source#index', async () => {
    const counts = await ingestFolder({ agentId: 'demo', dir, embedder, store, signal });
    assert.deepEqual(counts, { files: 2, chunks: 3, embedded: 3, unchanged: 0, deleted: 0 });
    const ids = (await listAgentChunks(store, 'demo', signal)).map((m) => m.id).sort();
    assert.deepEqual(ids, ['demo:a.md#0', 'demo:a.md#1', 'demo:b.txt#0']);
  });

  it('re-embeds nothing when the files have not changed', async () => {
    await ingestFolder({ agentId: 'demo', dir, embedder, store, signal });
    const counts = await ingestFolder({ agentId: 'demo', dir, embedder, store, signal });
    assert.deepEqual(counts, { files: 2, chunks: 3, embedded: 0, unchanged: 3, deleted: 0 });
  });

  it('updates a changed file in place and deletes its stale chunks', async () => {
    await ingestFolder({ agentId: 'demo', dir, embedder, store, signal });
    await writeFile(join(dir, 'a.md'), '# A\n\nonly one part now\n');
    const counts = await ingestFolder({ agentId: 'demo', dir, embedder, store, signal });
    assert.deepEqual(counts, { files: 2, chunks: 2, embedded: 1, unchanged: 1, deleted: 1 });
    const chunks = await listAgentChunks(store, 'demo', signal);
    assert.equal(chunks.find((c) => c.id === 'demo:a.md#0')?.text, 'A\nonly one part now');
  });

  it('leaves other agents’ chunks alone', async () => {
    await ingestFolder({ agentId: 'other', dir, embedder, store, signal });
    await rm(join(dir, 'b.txt'));
    await ingestFolder({ agentId: 'demo', dir, embedder, store, signal });
    assert.equal((await listAgentChunks(store, 'other', signal)).length, 3);
  });

  it('fills the lexical index so hybrid retrieval finds the passage with its source', async () => {
    const lexical = createLexicalIndex();
    await ingestFolder({ agentId: 'demo', dir, embedder, store, lexical, signal });
    const retriever = createHybridRetriever({ agentId: 'demo', embedder, store, lexical, topK: 1 });
    const [passage] = await retriever.retrieve('tell me about the gearbox', signal);
    assert.equal(passage?.source, 'b.txt');
    assert.equal(passage?.id, 'demo:b.txt#0');
  });
});
