import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';

/** What to do with an upgrade request: accept it, refuse it with a status, or never answer. */
export type UpgradeDecision =
  'accept' | 'hang' | { readonly status: number; readonly body: string };

export interface TestWsServerOptions {
  decide(request: IncomingMessage): UpgradeDecision;
  onConnection(socket: WebSocket, request: IncomingMessage): void;
}

/** A local WebSocket server on port 0 for vendor-protocol tests. */
export interface TestWsServer {
  /** `ws://127.0.0.1:<port>` */
  readonly url: string;
  /** Sockets (upgraded or hanging) not yet closed. */
  openSockets(): number;
  readonly connections: number;
  close(): Promise<void>;
}

export async function startTestWsServer(options: TestWsServerOptions): Promise<TestWsServer> {
  const server = createServer();
  const wss = new WebSocketServer({ noServer: true });
  const sockets = new Set<Duplex>();
  let connections = 0;
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    const decision = options.decide(request);
    if (decision === 'hang') return;
    if (decision !== 'accept') {
      const body = decision.body;
      socket.end(
        `HTTP/1.1 ${decision.status} Error\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
      );
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      connections++;
      options.onConnection(ws, request);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}`,
    openSockets: () => sockets.size,
    get connections() {
      return connections;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const client of wss.clients) client.terminate();
        for (const socket of sockets) socket.destroy();
        wss.close();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
