import type { Metadata, MetadataValue } from '../../../spec/retrieval.ts';

/** Where a record's metadata lives in a point's payload. */
export const METADATA_KEY = 'metadata';

export type QdrantFieldSchema = 'keyword' | 'integer' | 'float' | 'bool';

export interface QdrantCondition {
  readonly key: string;
  readonly match?: { readonly value: string | number | boolean };
  readonly range?: { readonly gte: number; readonly lte: number };
}

/** The payload index a filter value needs (strict mode refuses unindexed filters). */
export function fieldSchemaOf(value: MetadataValue): QdrantFieldSchema {
  if (typeof value === 'string') return 'keyword';
  if (typeof value === 'boolean') return 'bool';
  return Number.isInteger(value) ? 'integer' : 'float';
}

/**
 * Parley's equality filter as a Qdrant filter. `match` takes strings, integers and
 * booleans only (https://qdrant.tech/documentation/concepts/filtering/#match): a
 * fractional number is matched as the closed range [v, v].
 */
export function toQdrantFilter(
  filter: Metadata | undefined,
): { must: QdrantCondition[] } | undefined {
  const entries = Object.entries(filter ?? {});
  if (entries.length === 0) return undefined;
  return {
    must: entries.map(([name, value]) => {
      const key = `${METADATA_KEY}.${name}`;
      return fieldSchemaOf(value) === 'float'
        ? { key, range: { gte: value as number, lte: value as number } }
        : { key, match: { value } };
    }),
  };
}
