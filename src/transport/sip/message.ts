/** A SIP message (RFC 3261 §7): a request or a response, headers in order, and a body. */
export type SipHeader = readonly [name: string, value: string];

export interface SipRequest {
  readonly kind: 'request';
  readonly method: string;
  readonly uri: string;
  readonly headers: readonly SipHeader[];
  readonly body: Buffer;
}

export interface SipResponse {
  readonly kind: 'response';
  readonly status: number;
  readonly reason: string;
  readonly headers: readonly SipHeader[];
  readonly body: Buffer;
}

export type SipMessage = SipRequest | SipResponse;

/** The first value of a header (names are canonical: `Call-ID`, `CSeq`, `Via` …). */
export function header(
  message: { headers: readonly SipHeader[] },
  name: string,
): string | undefined {
  const lower = name.toLowerCase();
  return message.headers.find(([key]) => key.toLowerCase() === lower)?.[1];
}

export function headers(message: { headers: readonly SipHeader[] }, name: string): string[] {
  const lower = name.toLowerCase();
  return message.headers.filter(([key]) => key.toLowerCase() === lower).map(([, value]) => value);
}

/** Serialises a message; Content-Length is always written from the body. */
export function serializeSip(message: SipMessage): Buffer {
  const start =
    message.kind === 'request'
      ? `${message.method} ${message.uri} SIP/2.0`
      : `SIP/2.0 ${message.status} ${message.reason}`;
  const lines = [start];
  for (const [name, value] of message.headers)
    if (name.toLowerCase() !== 'content-length') lines.push(`${name}: ${value}`);
  lines.push(`Content-Length: ${message.body.length}`, '', '');
  return Buffer.concat([Buffer.from(lines.join('\r\n'), 'utf8'), message.body]);
}
