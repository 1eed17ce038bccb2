import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A door's handler: resolves true when the request was its own. */
export type DoorHandler = (request: IncomingMessage, response: ServerResponse) => Promise<boolean>;

/** A door served on its own port. */
export interface ServedDoor {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * An HTTP server on a free port of 127.0.0.1 serving `handle`: 404 for what it leaves,
 * 502 with the error when it throws.
 */
export async function serveDoor(handle: DoorHandler): Promise<ServedDoor> {
  const http = createServer((request, response) => {
    handle(request, response).then(
      (handled) => {
        if (!handled) response.writeHead(404).end();
      },
      (error: unknown) => {
        response.writeHead(502).end(String(error));
      },
    );
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => http.close(() => resolve())),
  };
}
