import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as a vendor test server received it. */
export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: Buffer;
}

export type TestHandler = (
  request: RecordedRequest,
  response: ServerResponse,
) => void | Promise<void>;

/** A local HTTP server on port 0 for vendor-protocol tests. */
export interface TestHttpServer {
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Responses not yet finished or torn down. */
  openResponses(): number;
  /** The status of every finished response, in order. */
  statuses(): number[];
  close(): Promise<void>;
}

export async function startTestHttpServer(handler: TestHandler): Promise<TestHttpServer> {
  const requests: RecordedRequest[] = [];
  let open = 0;
  const statuses: number[] = [];
  const server = createServer((incoming, response) => {
    open++;
    response.on('close', () => open--);
    response.on('finish', () => statuses.push(response.statusCode));
    const parts: Buffer[] = [];
    incoming.on('data', (part: Buffer) => parts.push(part));
    incoming.on('end', () => {
      const recorded: RecordedRequest = {
        method: incoming.method ?? 'GET',
        url: incoming.url ?? '/',
        headers: incoming.headers,
        body: Buffer.concat(parts),
      };
      requests.push(recorded);
      Promise.resolve(handler(recorded, response)).catch((error: unknown) => {
        response.destroy(error instanceof Error ? error : new Error(String(error)));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    openResponses: () => open,
    statuses: () => [...statuses],
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Writes Server-Sent Events one by one, then ends (or breaks the connection). */
export function writeSse(
  response: ServerResponse,
  events: readonly { event?: string; data: string }[],
  end: 'end' | 'destroy' | 'hang' = 'end',
): void {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  for (const { event, data } of events) {
    response.write(`${event ? `event: ${event}\n` : ''}data: ${data}\n\n`);
  }
  if (end === 'end') response.end();
  // Let the written chunks reach the client before the connection breaks.
  else if (end === 'destroy') setTimeout(() => response.destroy(), 30);
}

export function writeJsonError(response: ServerResponse, statusCode: number, body: unknown): void {
  response.writeHead(statusCode, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}
