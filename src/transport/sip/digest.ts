import { createHash, randomBytes } from 'node:crypto';
import { ProtocolError } from '../../index.ts';

/**
 * HTTP Digest for SIP (RFC 3261 §22.4, RFC 2617 §3.2, RFC 8760 for SHA-256): reading a
 * challenge and answering it. Pure apart from the random client nonce.
 */
export type DigestAlgorithm = 'MD5' | 'MD5-sess' | 'SHA-256' | 'SHA-256-sess';

export interface DigestChallenge {
  /** 401's WWW-Authenticate → Authorization; 407's Proxy-Authenticate → Proxy-Authorization. */
  readonly header: 'Authorization' | 'Proxy-Authorization';
  readonly realm: string;
  readonly nonce: string;
  readonly algorithm: DigestAlgorithm;
  /** The qop options the server offers (`auth`, `auth-int`); empty for RFC 2069 servers. */
  readonly qop: readonly string[];
  readonly opaque?: string;
  /** The nonce was stale: the credentials were right, ask again with the new nonce. */
  readonly stale: boolean;
}

export interface DigestCredentials {
  readonly username: string;
  readonly password: string;
}

export interface DigestRequest {
  readonly method: string;
  readonly uri: string;
  readonly body?: Buffer;
}

/** Supported algorithms, strongest first: a UAC takes the first one it supports (RFC 8760 §2.4). */
const PREFERENCE: readonly DigestAlgorithm[] = ['SHA-256', 'SHA-256-sess', 'MD5', 'MD5-sess'];

/** Splits `Digest a="x, y", b=z` into its parameters (quoted strings may hold commas). */
export function parseAuthParams(value: string): Map<string, string> {
  const params = new Map<string, string>();
  const pattern = /([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g;
  for (const match of value.matchAll(pattern))
    params.set(match[1]!.toLowerCase(), match[2]?.replace(/\\(.)/g, '$1') ?? match[3]!);
  return params;
}

/** One challenge header value, or undefined when it is not a Digest challenge we can answer. */
export function parseChallenge(
  value: string,
  header: DigestChallenge['header'],
): DigestChallenge | undefined {
  const scheme = /^\s*(\S+)\s+/.exec(value)?.[1];
  if (scheme?.toLowerCase() !== 'digest') return undefined;
  const params = parseAuthParams(value.slice(value.indexOf(scheme) + scheme.length));
  const realm = params.get('realm');
  const nonce = params.get('nonce');
  if (realm === undefined || nonce === undefined)
    throw new ProtocolError(`a Digest challenge without realm or nonce: ${value.slice(0, 120)}`);
  const named = (params.get('algorithm') ?? 'MD5').toUpperCase();
  const algorithm = PREFERENCE.find((candidate) => candidate.toUpperCase() === named);
  if (!algorithm) return undefined; // e.g. SHA-512-256 alone: we cannot answer it
  const qop = (params.get('qop') ?? '')
    .split(',')
    .map((item) => item.trim().toLowerCase())
    .filter(Boolean);
  const opaque = params.get('opaque');
  return {
    header,
    realm,
    nonce,
    algorithm,
    qop,
    ...(opaque === undefined ? {} : { opaque }),
    stale: params.get('stale')?.toLowerCase() === 'true',
  };
}

/** The challenge to answer among several (one per algorithm): the strongest we support. */
export function chooseChallenge(
  challenges: readonly (DigestChallenge | undefined)[],
): DigestChallenge | undefined {
  const usable = challenges.filter((item): item is DigestChallenge => item !== undefined);
  return usable.sort(
    (a, b) => PREFERENCE.indexOf(a.algorithm) - PREFERENCE.indexOf(b.algorithm),
  )[0];
}

function hash(algorithm: DigestAlgorithm, text: string | Buffer): string {
  return createHash(algorithm.startsWith('SHA-256') ? 'sha256' : 'md5')
    .update(text)
    .digest('hex');
}

export interface DigestAnswer {
  /** The header to send (`Authorization` or `Proxy-Authorization`) and its value. */
  readonly header: DigestChallenge['header'];
  readonly value: string;
  readonly response: string;
}

/**
 * The credentials for `request` under `challenge`, as the `nonceCount`-th use of its nonce
 * (RFC 2617 §3.2.2: nc counts from 1 per nonce; qop=auth preferred over auth-int).
 */
export function answerChallenge(
  challenge: DigestChallenge,
  credentials: DigestCredentials,
  request: DigestRequest,
  nonceCount: number,
  cnonce: string = randomBytes(8).toString('hex'),
): DigestAnswer {
  const { algorithm, realm, nonce } = challenge;
  const qop = challenge.qop.includes('auth')
    ? 'auth'
    : challenge.qop.includes('auth-int')
      ? 'auth-int'
      : undefined;
  if (challenge.qop.length > 0 && qop === undefined)
    throw new ProtocolError(`no qop we support in [${challenge.qop.join(', ')}]`);
  const nc = nonceCount.toString(16).padStart(8, '0');
  let ha1 = hash(algorithm, `${credentials.username}:${realm}:${credentials.password}`);
  if (algorithm.endsWith('-sess')) ha1 = hash(algorithm, `${ha1}:${nonce}:${cnonce}`);
  const ha2 =
    qop === 'auth-int'
      ? hash(
          algorithm,
          `${request.method}:${request.uri}:${hash(algorithm, request.body ?? Buffer.alloc(0))}`,
        )
      : hash(algorithm, `${request.method}:${request.uri}`);
  const response = qop
    ? hash(algorithm, `${ha1}:${nonce}:${nc}:${cnonce}:${qop}:${ha2}`)
    : hash(algorithm, `${ha1}:${nonce}:${ha2}`);
  const parts = [
    `username="${quote(credentials.username)}"`,
    `realm="${quote(realm)}"`,
    `nonce="${quote(nonce)}"`,
    `uri="${quote(request.uri)}"`,
    `response="${response}"`,
    `algorithm=${algorithm}`,
    ...(qop ? [`cnonce="${cnonce}"`, `qop=${qop}`, `nc=${nc}`] : []),
    ...(challenge.opaque === undefined ? [] : [`opaque="${quote(challenge.opaque)}"`]),
  ];
  return { header: challenge.header, value: `Digest ${parts.join(', ')}`, response };
}

function quote(value: string): string {
  return value.replace(/(["\\])/g, '\\$1');
}
