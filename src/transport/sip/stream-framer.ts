import { MAX_SIP_MESSAGE_BYTES } from './parser.ts';

/** What the framer found in the byte stream. */
export type FramedItem =
  | { readonly kind: 'message'; readonly bytes: Buffer }
  /** A CRLF keep-alive ping (RFC 5626 §4.4.1): answer with one CRLF. */
  | { readonly kind: 'ping' }
  /** The stream cannot be framed any more (no or bad Content-Length, too large): close it. */
  | { readonly kind: 'fatal'; readonly reason: string };

/**
 * Cuts SIP messages out of a TCP byte stream (RFC 3261 §18.3): each message ends its headers
 * with a blank line and must carry Content-Length on a stream transport.
 */
export class SipStreamFramer {
  #buffer = Buffer.alloc(0);
  #failed = false;

  push(chunk: Buffer): FramedItem[] {
    if (this.#failed) return [];
    this.#buffer = Buffer.concat([this.#buffer, chunk]);
    const items: FramedItem[] = [];
    for (;;) {
      if (this.#buffer.subarray(0, 4).equals(Buffer.from('\r\n\r\n'))) {
        this.#buffer = this.#buffer.subarray(4);
        items.push({ kind: 'ping' });
        continue;
      }
      while (this.#buffer.subarray(0, 2).equals(Buffer.from('\r\n')) && this.#buffer.length > 4)
        this.#buffer = this.#buffer.subarray(2); // stray CRLFs between messages
      const end = this.#buffer.indexOf('\r\n\r\n');
      if (end < 0) {
        if (this.#buffer.length > MAX_SIP_MESSAGE_BYTES)
          return this.#fatal(items, 'headers too large');
        return items;
      }
      const head = this.#buffer.subarray(0, end).toString('latin1');
      const match = /^(?:content-length|l)[ \t]*:[ \t]*(\d{1,6})[ \t]*$/im.exec(head);
      if (!match) return this.#fatal(items, 'a message on TCP must carry Content-Length');
      const total = end + 4 + Number(match[1]);
      if (total > MAX_SIP_MESSAGE_BYTES) return this.#fatal(items, 'message too large');
      if (this.#buffer.length < total) return items;
      items.push({ kind: 'message', bytes: Buffer.from(this.#buffer.subarray(0, total)) });
      this.#buffer = this.#buffer.subarray(total);
    }
  }

  #fatal(items: FramedItem[], reason: string): FramedItem[] {
    this.#failed = true;
    this.#buffer = Buffer.alloc(0);
    items.push({ kind: 'fatal', reason });
    return items;
  }
}
