import { createHmac, timingSafeEqual } from 'node:crypto';
import { ConfigError, ProtocolError } from '../spec/errors.ts';
import type { CallerIdentity } from '../spec/identity.ts';

/**
 * Signed caller claims: a compact JWT (RFC 7519) with HS256 (RFC 7518 §3.2), so an
 * application can mint one with any JWT library and the secret PARLEY_IDENTITY_SECRET.
 * Registered claims used: `sub`, `exp` (required), `iat`, `nbf`; `phone_number` (OpenID
 * Connect Core §5.1) for a verified phone; every other string claim reaches tools in
 * `caller.claims` (e.g. `customerId`).
 */

/** HS256 keys shorter than the hash output are refused (RFC 7518 §3.2). */
export const MIN_IDENTITY_SECRET_BYTES = 32;
/** Clock skew tolerated on `exp` / `nbf`, in seconds. */
const LEEWAY_S = 30;
const RESERVED = new Set(['sub', 'exp', 'iat', 'nbf', 'phone_number', 'iss', 'aud', 'jti']);

export interface IdentityClaims {
  readonly sub?: string;
  readonly phone_number?: string;
  /** Seconds since the epoch. */
  readonly exp: number;
  readonly [claim: string]: string | number | undefined;
}

function b64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

function checkSecret(secret: string): Buffer {
  const key = Buffer.from(secret, 'utf8');
  if (key.byteLength < MIN_IDENTITY_SECRET_BYTES)
    throw new ConfigError(
      `PARLEY_IDENTITY_SECRET must be at least ${MIN_IDENTITY_SECRET_BYTES} bytes (got ${key.byteLength}); generate one with: openssl rand -hex 32`,
    );
  return key;
}

/** Mints a token (for applications and tests): `claims.exp` in seconds since the epoch. */
export function signIdentity(claims: IdentityClaims, secret: string): string {
  const key = checkSecret(secret);
  const head = `${b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64url(JSON.stringify(claims))}`;
  return `${head}.${b64url(createHmac('sha256', key).update(head).digest())}`;
}

/** A verifier bound to one secret; throws ProtocolError for any token it cannot vouch for. */
export function identityVerifier(
  secret: string,
  nowMs: () => number = Date.now,
): (token: string) => CallerIdentity {
  const key = checkSecret(secret);
  return (token) => {
    const parts = token.split('.');
    if (parts.length !== 3) throw new ProtocolError('identity is not a compact JWT');
    const [header = '', payload = '', signature = ''] = parts;
    const expected = createHmac('sha256', key).update(`${header}.${payload}`).digest();
    const given = Buffer.from(signature, 'base64url');
    if (given.byteLength !== expected.byteLength || !timingSafeEqual(given, expected))
      throw new ProtocolError('identity signature does not match');
    const head = decodeJson(header);
    if (head['alg'] !== 'HS256') throw new ProtocolError('identity must use alg HS256');
    return toCaller(decodeJson(payload), nowMs() / 1000);
  };
}

function decodeJson(part: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch (error) {
    throw new ProtocolError('identity part is not base64url JSON', { cause: error });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ProtocolError('identity part is not a JSON object');
  return value as Record<string, unknown>;
}

function toCaller(payload: Record<string, unknown>, nowS: number): CallerIdentity {
  const { exp, nbf, sub, phone_number: phone } = payload;
  if (typeof exp !== 'number') throw new ProtocolError('identity needs a numeric "exp"');
  if (exp + LEEWAY_S < nowS) throw new ProtocolError('identity has expired');
  if (typeof nbf === 'number' && nbf - LEEWAY_S > nowS)
    throw new ProtocolError('identity is not valid yet');
  const claims: Record<string, string> = {};
  for (const [name, value] of Object.entries(payload))
    if (!RESERVED.has(name) && typeof value === 'string') claims[name] = value;
  return Object.freeze({
    verifiedBy: 'signed-claims',
    ...(typeof sub === 'string' ? { subject: sub } : {}),
    ...(typeof phone === 'string' ? { phoneNumber: phone } : {}),
    claims: Object.freeze(claims),
  });
}
