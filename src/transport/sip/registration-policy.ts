import { ConfigError } from '../../index.ts';
import { uriOf } from './build.ts';
import { header, headers, type SipResponse } from './message.ts';

/** Where REGISTER goes (RFC 3261 §10.2: the Request-URI names the registrar's domain). */
export interface RegistrarAddress {
  readonly requestUri: string;
  readonly host: string;
  readonly port: number;
}

/** `sip:host[:port]` or `host[:port]` → the Request-URI and where to send it (UDP). */
export function parseRegistrar(value: string): RegistrarAddress {
  const match = /^(?:(sips?):)?(?:[^@]+@)?(\[[^\]]+\]|[^:;>\s]+)(?::(\d+))?(;[^\s]*)?$/i.exec(
    value.trim(),
  );
  if (!match) throw new ConfigError(`the SIP registrar "${value}" is not sip:host[:port]`);
  if (match[1]?.toLowerCase() === 'sips')
    throw new ConfigError('sips: registrars (TLS) are not supported; use sip: over UDP');
  const port = match[3] === undefined ? 5060 : Number(match[3]);
  if (port < 1 || port > 65_535)
    throw new ConfigError(`the SIP registrar port ${port} is out of range`);
  const host = match[2]!.replace(/^\[|\]$/g, '');
  return { requestUri: `sip:${match[2]}${match[3] === undefined ? '' : `:${port}`}`, host, port };
}

/**
 * How long the registrar kept our binding (§10.2.4): the `expires` parameter of our Contact
 * in the 200 OK, else its Expires header, else what we asked for.
 */
export function grantedExpiresS(
  response: SipResponse,
  contactUri: string,
  requestedS: number,
): number {
  const contacts = headers(response, 'Contact').flatMap((value) => value.split(/,(?=\s*<)/));
  const ours = contacts.find((contact) => sameUri(uriOf(contact), contactUri));
  const fromContact = ours === undefined ? undefined : /;\s*expires=(\d+)/i.exec(ours)?.[1];
  const fromHeader = header(response, 'Expires');
  const value = Number(fromContact ?? fromHeader ?? requestedS);
  return Number.isFinite(value) && value >= 0 ? value : requestedS;
}

function sameUri(a: string, b: string): boolean {
  const key = (uri: string) => uri.split(';')[0]!.toLowerCase();
  return key(a) === key(b);
}

/**
 * When to refresh a binding that lasts `expiresS`: 30 s before it lapses, but never later
 * than half-way (short bindings), so a lost REGISTER still has time to be retried.
 */
export function refreshDelayMs(expiresS: number): number {
  return Math.max(expiresS / 2, expiresS - 30) * 1000;
}

/**
 * The wait before trying again after a failure: the registrar's Retry-After when it gave one,
 * else 30 s doubling per consecutive failure up to 30 min (the bounds of RFC 5626 §4.5).
 */
export function retryDelayMs(failures: number, retryAfterS?: number): number {
  if (retryAfterS !== undefined && Number.isFinite(retryAfterS) && retryAfterS > 0)
    return retryAfterS * 1000;
  return Math.min(1800, 30 * 2 ** Math.max(0, failures - 1)) * 1000;
}
