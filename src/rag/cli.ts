/**
 * Knowledge-base CLI:
 *   node --import tsx src/rag/cli.ts ingest --agent technician --dir src/agents/technician/knowledge
 *   node --import tsx src/rag/cli.ts query --agent support how long does a refund take
 */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import pg from 'pg';
import { createLocalEmbedder } from '../providers/local/embedder/embedder.ts';
import type { VectorStore } from '../spec/retrieval.ts';
import { loadLexicalIndex } from './agent-chunks.ts';
import { parseCliArgs, type StoreTarget } from './cli-args.ts';
import { formatPassagesForPrompt } from '../text/passages.ts';
import { createHybridRetriever } from './hybrid-retriever.ts';
import { ingestFolder } from './ingest.ts';
import { createLexicalIndex } from './lexical-index.ts';
import { openPgliteWithVector } from './stores/pglite.ts';
import { createPgVectorStore } from './stores/pgvector.ts';
import { createSqliteVecStore } from './stores/sqlite-vec.ts';

async function openStore(target: StoreTarget, dimensions: number): Promise<VectorStore> {
  switch (target.kind) {
    case 'sqlite':
      if (target.path !== ':memory:') await mkdir(dirname(target.path), { recursive: true });
      return createSqliteVecStore({ path: target.path, dimensions });
    case 'pglite':
      return createPgVectorStore({
        db: await openPgliteWithVector(target.dataDir),
        dimensions,
        ownsDb: true,
      });
    case 'postgres':
      return createPgVectorStore({
        db: new pg.Pool({ connectionString: target.url }),
        dimensions,
        ownsDb: true,
      });
  }
}

async function main(): Promise<void> {
  const args = parseCliArgs(process.argv.slice(2));
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort(new Error('interrupted')));
  const { signal } = controller;
  const embedder = createLocalEmbedder();
  const store = await openStore(args.target, embedder.capabilities.dimensions);
  try {
    if (args.command === 'ingest') {
      const started = performance.now();
      const counts = await ingestFolder({
        agentId: args.agentId,
        dir: args.dir,
        embedder,
        store,
        signal,
      });
      const ms = Math.round(performance.now() - started);
      console.log(`${args.agentId}: ${JSON.stringify(counts)} in ${ms} ms (${store.name})`);
    } else {
      const lexical = createLexicalIndex();
      await loadLexicalIndex(lexical, store, args.agentId, signal);
      const retriever = createHybridRetriever({
        agentId: args.agentId,
        embedder,
        store,
        lexical,
        topK: args.topK,
      });
      console.log(
        formatPassagesForPrompt(await retriever.retrieve(args.query, signal)) || 'no passages',
      );
    }
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
