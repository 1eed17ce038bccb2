import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { ClusterConfigError, DispatchTokenError } from './errors.ts';

/** What a dispatch token says: this client may open one conversation on worker `workerId`. */
export interface DispatchClaims {
  readonly workerId: string;
  readonly issuedAtMs: number;
  readonly expiresAtMs: number;
  /** Makes each token single-use. */
  readonly nonce: string;
  /** A phone call the front door answered: what its signed webhook said (see phone-door.ts). */
  readonly call?: PhoneCallClaims;
}

/** What the front door learnt from a phone call's verified webhook, vouched for by the token. */
export interface PhoneCallClaims {
  readonly agentId: string;
  /** The vendor's call id when the webhook names it (Twilio's CallSid): the stream must match. */
  readonly callId?: string;
  /** The caller's number, only when the webhook was signed by the carrier. */
  readonly phoneNumber?: string;
}

/** Default lifetime: long enough to open a WebSocket, short enough to be useless if leaked. */
export const DISPATCH_TOKEN_TTL_MS = 30_000;
const MIN_SECRET_BYTES = 32;

export function checkSecret(secret: string): void {
  if (Buffer.byteLength(secret) < MIN_SECRET_BYTES)
    throw new ClusterConfigError(
      `the cluster secret must be at least ${MIN_SECRET_BYTES} bytes (PARLEY_CLUSTER_SECRET)`,
    );
}

const sign = (secret: string, payload: string) =>
  createHmac('sha256', secret).update(payload).digest('base64url');

/** `base64url(claims JSON) + '.' + base64url(HMAC-SHA256)`. */
export function signDispatchToken(
  secret: string,
  workerId: string,
  nowMs: number,
  ttlMs = DISPATCH_TOKEN_TTL_MS,
  call?: PhoneCallClaims,
): { token: string; claims: DispatchClaims } {
  checkSecret(secret);
  const claims: DispatchClaims = {
    workerId,
    issuedAtMs: nowMs,
    expiresAtMs: nowMs + ttlMs,
    nonce: randomBytes(12).toString('base64url'),
    ...(call && { call }),
  };
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return { token: `${payload}.${sign(secret, payload)}`, claims };
}

/** Checks signature, worker and expiry (not reuse: see `NonceLedger`). Throws DispatchTokenError. */
export function verifyDispatchToken(
  secret: string,
  token: string,
  workerId: string,
  nowMs: number,
): DispatchClaims {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined)
    throw new DispatchTokenError(
      'malformed',
      'the dispatch token is not of the form payload.signature',
    );
  const expected = Buffer.from(sign(secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    throw new DispatchTokenError(
      'bad-signature',
      'the dispatch token is not signed by this cluster',
    );
  const claims = parseClaims(payload);
  if (claims.workerId !== workerId)
    throw new DispatchTokenError(
      'wrong-worker',
      `the dispatch token is for worker ${claims.workerId}`,
    );
  if (nowMs >= claims.expiresAtMs)
    throw new DispatchTokenError(
      'expired',
      `the dispatch token expired ${nowMs - claims.expiresAtMs} ms ago`,
    );
  return claims;
}

function parseClaims(payload: string): DispatchClaims {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch (error) {
    throw new DispatchTokenError('malformed', 'the dispatch token payload is not JSON', {
      cause: error,
    });
  }
  const v = value as Partial<Record<keyof DispatchClaims, unknown>>;
  if (
    typeof v.workerId !== 'string' ||
    typeof v.issuedAtMs !== 'number' ||
    typeof v.expiresAtMs !== 'number' ||
    typeof v.nonce !== 'string'
  )
    throw new DispatchTokenError('malformed', 'the dispatch token payload lacks its claims');
  const call = v.call === undefined ? undefined : parseCall(v.call);
  return {
    workerId: v.workerId,
    issuedAtMs: v.issuedAtMs,
    expiresAtMs: v.expiresAtMs,
    nonce: v.nonce,
    ...(call && { call }),
  };
}

function parseCall(value: unknown): PhoneCallClaims {
  const c = (typeof value === 'object' && value !== null ? value : {}) as Partial<
    Record<keyof PhoneCallClaims, unknown>
  >;
  const optional = (field: unknown) => field === undefined || typeof field === 'string';
  if (typeof c.agentId !== 'string' || !optional(c.callId) || !optional(c.phoneNumber))
    throw new DispatchTokenError('malformed', "the dispatch token's call claims are malformed");
  return {
    agentId: c.agentId,
    ...(typeof c.callId === 'string' && { callId: c.callId }),
    ...(typeof c.phoneNumber === 'string' && { phoneNumber: c.phoneNumber }),
  };
}

/** Remembers used nonces until their tokens expire, so a token opens one conversation only. */
export class NonceLedger {
  readonly #used = new Map<string, number>();

  /** Throws DispatchTokenError('reused') the second time a token's nonce is seen. */
  use(claims: DispatchClaims, nowMs: number): void {
    for (const [nonce, expiresAtMs] of this.#used)
      if (expiresAtMs <= nowMs) this.#used.delete(nonce);
    if (this.#used.has(claims.nonce))
      throw new DispatchTokenError('reused', 'the dispatch token was already used');
    this.#used.set(claims.nonce, claims.expiresAtMs);
  }
}
