import { createPublicKey, verify } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { firstHeader } from '../telephony/http-body.ts';

/** Telnyx refuses to let a signature be replayed after this long; so do we. */
export const TELNYX_SIGNATURE_TOLERANCE_MS = 5 * 60_000;

/** The DER prefix of an Ed25519 SubjectPublicKeyInfo; the 32 raw key bytes follow it. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/**
 * Telnyx webhooks are signed with Ed25519: header `telnyx-signature-ed25519` (base64) over
 * `${telnyx-timestamp}|${raw body}`, checked with the account's public key (base64, 32 bytes).
 * https://developers.telnyx.com/docs/development/sdk/node/webhooks
 */
export function isValidTelnyxSignature(
  publicKeyBase64: string,
  rawBody: string,
  signatureBase64: string | undefined,
  timestampSeconds: string | undefined,
  nowMs: number,
): boolean {
  if (signatureBase64 === undefined || timestampSeconds === undefined) return false;
  if (!/^\d{1,12}$/.test(timestampSeconds)) return false;
  if (Math.abs(nowMs - Number(timestampSeconds) * 1000) > TELNYX_SIGNATURE_TOLERANCE_MS)
    return false;
  const raw = Buffer.from(publicKeyBase64, 'base64');
  if (raw.length !== 32) throw new RangeError('the Telnyx public key must be 32 bytes, base64');
  const key = createPublicKey({
    key: Buffer.concat([ED25519_SPKI_PREFIX, raw]),
    format: 'der',
    type: 'spki',
  });
  const signature = Buffer.from(signatureBase64, 'base64');
  if (signature.length !== 64) return false;
  return verify(null, Buffer.from(`${timestampSeconds}|${rawBody}`, 'utf8'), key, signature);
}

/**
 * With a public key configured, a webhook whose signature does not verify is answered 403 and
 * true is returned (the caller stops); without one, every webhook passes.
 */
export function refusedTelnyxSignature(
  publicKeyBase64: string | undefined,
  rawBody: string,
  request: IncomingMessage,
  response: ServerResponse,
): boolean {
  if (publicKeyBase64 === undefined) return false;
  const valid = isValidTelnyxSignature(
    publicKeyBase64,
    rawBody,
    firstHeader(request, 'telnyx-signature-ed25519'),
    firstHeader(request, 'telnyx-timestamp'),
    Date.now(),
  );
  if (valid) return false;
  response.writeHead(403, { 'content-type': 'text/plain' }).end('invalid telnyx-signature-ed25519');
  return true;
}
