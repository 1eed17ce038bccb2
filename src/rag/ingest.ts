import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { Embedder, VectorRecord, VectorStore } from '../spec/retrieval.ts';
import { throwIfAborted } from '../stream/abort.ts';
import { listAgentChunks } from './agent-chunks.ts';
import { chunkMarkdown, type ChunkOptions } from './chunker.ts';
import { toChunkRecords, type ChunkRecord } from './chunk-records.ts';
import type { LexicalIndex } from './lexical-index.ts';
import { KNOWLEDGE_FILE, readKnowledgeFile } from './read-knowledge-file.ts';

export interface IngestOptions {
  readonly agentId: string;
  /** Folder of `.md`, `.markdown`, `.txt` and `.pdf` files, read recursively. */
  readonly dir: string;
  readonly embedder: Embedder;
  readonly store: VectorStore;
  /** Filled with the agent's current chunks when given. */
  readonly lexical?: LexicalIndex;
  readonly chunking?: ChunkOptions;
  readonly signal: AbortSignal;
}

export interface IngestCounts {
  readonly files: number;
  readonly chunks: number;
  /** New or changed chunks that were embedded and written. */
  readonly embedded: number;
  readonly unchanged: number;
  /** Chunks of changed or removed files that no longer exist. */
  readonly deleted: number;
}

/**
 * Chunks, embeds and stores an agent's knowledge folder. Ids are
 * `agentId:source#index`, so running it again updates in place: unchanged
 * chunks are skipped, changed ones re-embedded, stale ones deleted.
 */
export async function ingestFolder(options: IngestOptions): Promise<IngestCounts> {
  const { agentId, dir, embedder, store, signal } = options;
  const files = await listTextFiles(dir);
  const records: ChunkRecord[] = [];
  for (const file of files) {
    throwIfAborted(signal);
    const source = relative(dir, file).split(sep).join('/');
    const text = await readKnowledgeFile(file, signal);
    records.push(
      ...toChunkRecords(agentId, source, chunkMarkdown(text, options.chunking), embedder.model),
    );
  }
  const existing = new Map(
    (await listAgentChunks(store, agentId, signal)).map((m) => [m.id, m.metadata['contentHash']]),
  );
  const changed = records.filter((r) => existing.get(r.id) !== r.metadata['contentHash']);
  const batchSize = Math.max(1, embedder.capabilities.maxBatch);
  for (let start = 0; start < changed.length; start += batchSize) {
    const batch = changed.slice(start, start + batchSize);
    const vectors = await embedder.embed(
      batch.map((r) => r.text),
      signal,
    );
    const upserts: VectorRecord[] = batch.map((r, i) => ({
      ...r,
      vector: vectors[i] ?? new Float32Array(store.dimensions),
    }));
    await store.upsert(upserts, signal);
  }
  const current = new Set(records.map((r) => r.id));
  const stale = [...existing.keys()].filter((id) => !current.has(id));
  if (stale.length > 0) await store.delete(stale, signal);
  if (options.lexical) {
    options.lexical.remove(stale);
    options.lexical.upsert(
      records.map((r) => ({ id: r.id, source: String(r.metadata['source']), text: r.text })),
    );
  }
  return {
    files: files.length,
    chunks: records.length,
    embedded: changed.length,
    unchanged: records.length - changed.length,
    deleted: stale.length,
  };
}

async function listTextFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && KNOWLEDGE_FILE.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}
