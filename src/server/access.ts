import { randomBytes } from 'node:crypto';
import { ConfigError } from '../spec/errors.ts';

/** Host names a loopback-only server answers to (DNS rebinding defence). */
export const LOOPBACK_HOSTS: readonly string[] = ['localhost', '127.0.0.1', '::1'];

const WILDCARD_HOSTS: readonly string[] = ['0.0.0.0', '::', ''];

/** Shortest token accepted: 24 characters from at least 10 distinct ones (≈ 100+ bits when random). */
export const MIN_TOKEN_CHARS = 24;
const MIN_DISTINCT_TOKEN_CHARS = 10;

export interface AccessPolicy {
  /** Lower-case host names (no port) accepted in the Host header. */
  readonly allowedHosts: ReadonlySet<string>;
  /** When set, every page, `/api/*` request and WebSocket must present it. */
  readonly token: string | undefined;
  /** True when the token was generated here (it must be shown to the operator once). */
  readonly generatedToken: boolean;
}

export function isLoopbackHost(host: string): boolean {
  const name = host.toLowerCase().replace(/^\[|\]$/g, '');
  return LOOPBACK_HOSTS.includes(name) || /^127\.\d+\.\d+\.\d+$/.test(name);
}

/** Throws ConfigError for a token a guess or a dictionary could find. */
export function assertStrongToken(token: string): void {
  const distinct = new Set(token).size;
  if (token.length < MIN_TOKEN_CHARS || distinct < MIN_DISTINCT_TOKEN_CHARS)
    throw new ConfigError(
      `the access token must be at least ${MIN_TOKEN_CHARS} characters with ${MIN_DISTINCT_TOKEN_CHARS} distinct ones (got ${token.length} characters); generate one with: openssl rand -hex 24`,
    );
}

/**
 * Decides who may reach the server. Loopback listeners answer only to loopback
 * names and need no token unless one is given; anything wider needs a token
 * (generated when none is given) and the hosts in `allowedHosts` (e.g. from
 * PARLEY_ALLOWED_HOSTS).
 */
export function accessPolicy(options: {
  readonly listenHost: string;
  readonly token?: string | undefined;
  readonly allowedHosts?: readonly string[] | undefined;
}): AccessPolicy {
  const loopback = isLoopbackHost(options.listenHost);
  const hosts = new Set(LOOPBACK_HOSTS);
  // A server bound to one address answers to that address; a wildcard bind names nothing.
  const bound = hostName(options.listenHost);
  if (bound !== undefined && !WILDCARD_HOSTS.includes(bound)) hosts.add(bound);
  for (const host of options.allowedHosts ?? []) {
    const name = hostName(host.trim());
    if (name === undefined || name === '') throw new ConfigError(`not a host name: "${host}"`);
    hosts.add(name);
  }
  if (options.token !== undefined) assertStrongToken(options.token);
  if (loopback || options.token !== undefined)
    return { allowedHosts: hosts, token: options.token, generatedToken: false };
  return {
    allowedHosts: hosts,
    token: randomBytes(24).toString('base64url'),
    generatedToken: true,
  };
}

/** Splits PARLEY_ALLOWED_HOSTS ("a.example, b.example:8443"). */
export function parseHostList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/** The host name of a Host header value, lower-case, without port or brackets. */
export function hostName(hostHeader: string | undefined): string | undefined {
  if (hostHeader === undefined) return undefined;
  const match = /^(\[[0-9a-f:.]*\]|[a-z0-9._-]*)(:\d{1,5})?$/.exec(hostHeader.trim().toLowerCase());
  if (!match) return undefined;
  return (match[1] ?? '').replace(/^\[|\]$/g, '').replace(/\.$/, '');
}

export function hostAllowed(policy: AccessPolicy, hostHeader: string | undefined): boolean {
  const name = hostName(hostHeader);
  return name !== undefined && policy.allowedHosts.has(name);
}

/** True for a browser request from another site: its Origin differs from the Host it reached. */
export function crossOrigin(
  originHeader: string | undefined,
  hostHeader: string | undefined,
): boolean {
  if (originHeader === undefined) return false; // not a browser
  try {
    return new URL(originHeader).host !== hostHeader;
  } catch (error) {
    if (error instanceof TypeError) return true;
    throw error;
  }
}
