import { randomBytes } from 'node:crypto';

/** Crockford's base32 alphabet: no I, L, O or U, so an id read aloud is not misheard as another. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A random record id such as `INC-7RZ4K-QW2MD-9XA3B`: 75 bits in three groups of five
 * (collisions stay negligible far beyond millions of records).
 */
export function randomId(prefix: string): string {
  const bytes = randomBytes(15);
  let text = '';
  for (const byte of bytes) text += ALPHABET[byte & 31];
  return `${prefix}-${text.slice(0, 5)}-${text.slice(5, 10)}-${text.slice(10, 15)}`;
}
