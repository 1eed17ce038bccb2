import { createHash, timingSafeEqual } from 'node:crypto';

/** Compares a presented token with the expected one in constant time. */
export function sameToken(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
