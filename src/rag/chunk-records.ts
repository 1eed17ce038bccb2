import { createHash } from 'node:crypto';
import type { Metadata } from '../spec/retrieval.ts';
import type { TextChunk } from './chunker.ts';

/** A chunk ready to embed, with the id and metadata it is stored under. */
export interface ChunkRecord {
  readonly id: string;
  readonly text: string;
  readonly metadata: Metadata;
}

/** `agentId:source#index`: stable, so re-ingesting a file replaces its chunks in place. */
export function chunkId(agentId: string, source: string, index: number): string {
  return `${agentId}:${source}#${index}`;
}

/** Hash of what was embedded and how: a changed text or embedder means re-embedding. */
export function contentHash(embedderModel: string, text: string): string {
  return createHash('sha256')
    .update(embedderModel)
    .update('\n')
    .update(text)
    .digest('hex')
    .slice(0, 16);
}

export function toChunkRecords(
  agentId: string,
  source: string,
  chunks: readonly TextChunk[],
  embedderModel: string,
): ChunkRecord[] {
  return chunks.map((chunk) => {
    const metadata: Record<string, string | number> = {
      agentId,
      kind: 'chunk',
      source,
      chunkIndex: chunk.index,
      heading: chunk.headingPath.join(' > '),
      contentHash: contentHash(embedderModel, chunk.text),
    };
    const component = chunk.fields['component'];
    if (component) metadata['component'] = component;
    return { id: chunkId(agentId, source, chunk.index), text: chunk.text, metadata };
  });
}
