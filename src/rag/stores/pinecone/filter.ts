import type { Metadata } from '../../../spec/retrieval.ts';

/** Where a record's text lives in its Pinecone metadata (user keys stay at the top level). */
export const TEXT_KEY = 'parley_text';

/**
 * Parley's equality filter in Pinecone's metadata filter language
 * (https://docs.pinecone.io/guides/search/filter-by-metadata): one `$eq` per key, which
 * Pinecone ANDs together.
 */
export function toPineconeFilter(
  filter: Metadata | undefined,
): Record<string, { $eq: string | number | boolean }> | undefined {
  const entries = Object.entries(filter ?? {});
  if (entries.length === 0) return undefined;
  return Object.fromEntries(entries.map(([key, value]) => [key, { $eq: value }]));
}
