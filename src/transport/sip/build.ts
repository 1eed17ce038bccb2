import { randomBytes } from 'node:crypto';
import { header, headers, type SipHeader, type SipRequest, type SipResponse } from './message.ts';

export const USER_AGENT = 'Parley';
export const ALLOWED_METHODS = 'INVITE, ACK, BYE, CANCEL, OPTIONS, REFER, NOTIFY';

export function randomToken(bytes = 8): string {
  return randomBytes(bytes).toString('hex');
}

/** A new Via branch: the RFC 3261 magic cookie and something unique (§8.1.1.7). */
export function newBranch(): string {
  return `z9hG4bK${randomToken()}`;
}

export interface ResponseOptions {
  /** Our tag, added to To when the request's To has none. */
  readonly toTag?: string;
  readonly headers?: readonly SipHeader[];
  readonly body?: { readonly type: string; readonly content: string };
}

/** A response to `request` (§8.2.6): Via, From, To, Call-ID and CSeq copied, in order. */
export function buildResponse(
  request: { readonly headers: readonly SipHeader[] },
  status: number,
  reason: string,
  options: ResponseOptions = {},
): SipResponse {
  const to = header(request, 'To') ?? '';
  const taggedTo =
    options.toTag !== undefined && !/;\s*tag=/i.test(to) ? `${to};tag=${options.toTag}` : to;
  const copied: SipHeader[] = [
    ...headers(request, 'Via').map((value): SipHeader => ['Via', value]),
    ['From', header(request, 'From') ?? ''],
    ['To', taggedTo],
    ['Call-ID', header(request, 'Call-ID') ?? ''],
    ['CSeq', header(request, 'CSeq') ?? ''],
    ['Server', USER_AGENT],
    ...(options.headers ?? []),
  ];
  if (options.body) copied.push(['Content-Type', options.body.type]);
  return {
    kind: 'response',
    status,
    reason,
    headers: copied,
    body: Buffer.from(options.body?.content ?? '', 'utf8'),
  };
}

/** The tag parameter of a From or To header value. */
export function tagOf(value: string | undefined): string | undefined {
  return value === undefined ? undefined : /;\s*tag=([^;>\s]+)/i.exec(value)?.[1];
}

/** The URI inside a name-addr (`"Bob" <sip:bob@host>;tag=1`) or an addr-spec. */
export function uriOf(value: string): string {
  const bracketed = /<([^>]+)>/.exec(value);
  return (bracketed ? bracketed[1]! : value.split(';')[0]!).trim();
}

/** The user part of a SIP URI (`sip:support@host` → `support`). */
export function userOf(uri: string): string | undefined {
  return /^sips?:([^@;:]+)@/i.exec(uri)?.[1];
}

export function isRequest(value: SipRequest | SipResponse): value is SipRequest {
  return value.kind === 'request';
}
