import { createHash } from 'node:crypto';

/**
 * Qdrant point ids are unsigned integers or UUIDs only
 * (https://qdrant.tech/documentation/concepts/points/#point-ids), while Parley's record
 * ids are strings such as `pump.md#3`. A record's point id is a name-based UUID (version 5
 * layout, SHA-1 of the id), so upserting the same id again replaces the same point; the
 * original id travels in the payload.
 */
export function pointIdFor(recordId: string): string {
  const hash = createHash('sha1').update('parley:').update(recordId).digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
