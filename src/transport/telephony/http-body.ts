import type { IncomingMessage, ServerResponse } from 'node:http';

export class RequestBodyError extends Error {
  readonly statusCode: number;
  constructor(message: string, statusCode: number, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = 'RequestBodyError';
    this.statusCode = statusCode;
  }
}

/** Reads a small request body (a webhook), refusing anything over `maxBytes`. */
export async function readBody(request: IncomingMessage, maxBytes = 64 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new RequestBodyError(`body over ${maxBytes} bytes`, 413);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Form fields of an `application/x-www-form-urlencoded` body, in order. */
export async function readForm(request: IncomingMessage): Promise<[string, string][]> {
  const type = request.headers['content-type'] ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded'))
    throw new RequestBodyError(`expected a form body, got "${type.slice(0, 60)}"`, 415);
  return [...new URLSearchParams(await readBody(request)).entries()];
}

/** A request header's first value. */
export function firstHeader(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Answers a webhook with TwiML/TeXML, never cached. */
export function sendXml(response: ServerResponse, body: string): void {
  response.writeHead(200, {
    'content-type': 'text/xml; charset=utf-8',
    'cache-control': 'no-store',
  });
  response.end(body);
}
