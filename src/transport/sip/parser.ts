import type { SipHeader, SipMessage } from './message.ts';

/**
 * A strict SIP parser (RFC 3261 §7, §20, §25): a message it cannot read exactly is refused
 * with a reason, never guessed at. Limits keep a hostile peer from costing memory.
 */
export const MAX_SIP_MESSAGE_BYTES = 64 * 1024;
const MAX_HEADERS = 128;

export type SipParseResult =
  | { readonly ok: true; readonly message: SipMessage }
  | {
      readonly ok: false;
      readonly reason: string;
      /** Headers read before the fault, enough to address a 400 when they hold the essentials. */
      readonly headers: readonly SipHeader[];
    };

const COMPACT: Readonly<Record<string, string>> = {
  v: 'Via',
  f: 'From',
  t: 'To',
  i: 'Call-ID',
  m: 'Contact',
  l: 'Content-Length',
  c: 'Content-Type',
  k: 'Supported',
  s: 'Subject',
  e: 'Content-Encoding',
  o: 'Event',
  r: 'Refer-To',
  x: 'Session-Expires',
  u: 'Allow-Events',
};
const CANONICAL: Readonly<Record<string, string>> = {
  via: 'Via',
  from: 'From',
  to: 'To',
  'call-id': 'Call-ID',
  cseq: 'CSeq',
  contact: 'Contact',
  'content-length': 'Content-Length',
  'content-type': 'Content-Type',
  'max-forwards': 'Max-Forwards',
};

const TOKEN = /^[A-Za-z0-9\-.!%*_+`'~]+$/;
const REQUEST_LINE = /^([A-Za-z0-9\-.!%*_+`'~]+) ((?:sips?|tel):[^\s]+) SIP\/2\.0$/;
const STATUS_LINE = /^SIP\/2\.0 ([1-6]\d\d) ([^\r\n]*)$/;
const CSEQ = /^(\d{1,10})\s+([A-Za-z0-9\-.!%*_+`'~]+)$/;
const REQUIRED = ['Via', 'From', 'To', 'Call-ID', 'CSeq', 'Max-Forwards'] as const;

/** Parses one whole message (a UDP datagram, or one framed TCP message). */
export function parseSip(bytes: Buffer): SipParseResult {
  const fail = (reason: string, headers: readonly SipHeader[] = []): SipParseResult => ({
    ok: false,
    reason,
    headers,
  });
  if (bytes.length > MAX_SIP_MESSAGE_BYTES) return fail('message too large');
  const split = bytes.indexOf('\r\n\r\n');
  if (split < 0) return fail('no blank line after the headers');
  const head = bytes.subarray(0, split).toString('latin1');
  if (/[\0]/.test(head)) return fail('NUL in the header section');
  const rawLines = head.split('\r\n');
  const startLine = rawLines.shift() ?? '';
  const headers: SipHeader[] = [];
  for (const line of rawLines) {
    if (line.length === 0) return fail('empty header line');
    if (line.startsWith(' ') || line.startsWith('\t')) {
      const last = headers.pop();
      if (!last) return fail('continuation line before any header');
      headers.push([last[0], `${last[1]} ${line.trim()}`]); // header folding (§7.3.1)
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) return fail(`header line without a name: "${line.slice(0, 40)}"`, headers);
    const rawName = line.slice(0, colon).trimEnd();
    if (!TOKEN.test(rawName)) return fail(`bad header name "${rawName.slice(0, 40)}"`, headers);
    const name = COMPACT[rawName.toLowerCase()] ?? CANONICAL[rawName.toLowerCase()] ?? rawName;
    headers.push([name, line.slice(colon + 1).trim()]);
    if (headers.length > MAX_HEADERS) return fail('too many headers', headers);
  }
  for (const name of REQUIRED.slice(0, 5))
    if (!headers.some(([key]) => key === name)) return fail(`missing ${name}`, headers);
  const length = contentLength(headers);
  if (length === 'bad') return fail('bad Content-Length', headers);
  const available = bytes.length - split - 4;
  if (length !== undefined && length > available)
    return fail('body shorter than Content-Length', headers);
  const body = Buffer.from(bytes.subarray(split + 4, split + 4 + (length ?? available)));
  const cseq = CSEQ.exec(headers.find(([key]) => key === 'CSeq')![1]);
  if (!cseq) return fail('bad CSeq', headers);

  const request = REQUEST_LINE.exec(startLine);
  if (request) {
    const method = request[1]!;
    if (method !== method.toUpperCase()) return fail('method must be upper case', headers);
    if (cseq[2] !== method) return fail('CSeq method differs from the request method', headers);
    const maxForwards = headers.find(([key]) => key === 'Max-Forwards')?.[1];
    if (maxForwards === undefined || !/^\d{1,3}$/.test(maxForwards))
      return fail('missing or bad Max-Forwards', headers);
    return { ok: true, message: { kind: 'request', method, uri: request[2]!, headers, body } };
  }
  const status = STATUS_LINE.exec(startLine);
  if (status)
    return {
      ok: true,
      message: { kind: 'response', status: Number(status[1]), reason: status[2]!, headers, body },
    };
  return fail(`bad start line "${startLine.slice(0, 60)}"`, headers);
}

function contentLength(headers: readonly SipHeader[]): number | undefined | 'bad' {
  const values = headers.filter(([key]) => key === 'Content-Length').map(([, value]) => value);
  if (values.length === 0) return undefined;
  if (values.length > 1 || !/^\d{1,6}$/.test(values[0]!)) return 'bad';
  return Number(values[0]);
}
