import { randomBytes } from 'node:crypto';

/** Ids in the shapes the Realtime API uses: `event_…`, `item_…`, `resp_…`, `call_…`, `sess_…`. */
export function realtimeId(prefix: 'event' | 'item' | 'resp' | 'call' | 'sess'): string {
  return `${prefix}_${randomBytes(12).toString('base64url')}`;
}
