import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Session } from '../../conversation/types.ts';
import type { AgentDefinition } from '../../spec/agent.ts';
import { RealtimeConnection } from './connection.ts';

export const REALTIME_PATH = '/v1/realtime';

export interface RealtimeEndpointOptions {
  readonly findAgent: (id: string) => AgentDefinition | undefined;
  readonly openSession: (agent: AgentDefinition) => Promise<Session>;
  /** When set, clients must present it as `Authorization: Bearer …` (or the browser subprotocol). */
  readonly token?: string;
  /** Agents whose prompt the client's `instructions` may extend. Default: none. */
  readonly allowInstructions?: (agent: AgentDefinition) => boolean;
  /** Largest client event, in bytes. Default 16 MiB (the API's 15 MiB audio append plus JSON). */
  readonly maxEventBytes?: number;
}

export interface RealtimeEndpoint {
  /** Takes the upgrade when it is for `/v1/realtime`; returns false otherwise. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  readonly connections: number;
  close(): Promise<void>;
}

/** The bearer token a Realtime client sent: header, or `openai-insecure-api-key.<key>` subprotocol. */
export function presentedToken(request: IncomingMessage): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  const protocols = (request.headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((p) => p.trim());
  const insecure = protocols.find((p) => p.startsWith('openai-insecure-api-key.'));
  return insecure?.slice('openai-insecure-api-key.'.length);
}

function sameToken(a: string, b: string): boolean {
  const hash = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(hash(a), hash(b));
}

function refuse(socket: Duplex, status: number, code: string, message: string): void {
  const body = JSON.stringify({
    error: { type: 'invalid_request_error', code, message, param: null },
  });
  socket.end(
    `HTTP/1.1 ${status} Error\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

/**
 * Parley's OpenAI Realtime endpoint: `wss://host/v1/realtime?model=<agent id>`. A wrong or
 * missing token is refused at the handshake (401, the API's error body); an unknown model
 * with 404 `model_not_found`. Each accepted socket is one `RealtimeConnection`.
 */
export function createRealtimeEndpoint(options: RealtimeEndpointOptions): RealtimeEndpoint {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxEventBytes ?? 16 * 1024 * 1024,
    // Browsers offer `realtime` plus the key as subprotocols; answer with `realtime`.
    handleProtocols: (protocols) => (protocols.has('realtime') ? 'realtime' : false),
  });
  const open = new Set<RealtimeConnection>();
  return {
    handleUpgrade(request, socket, head) {
      const url = new URL(request.url ?? '/', 'http://parley');
      if (url.pathname !== REALTIME_PATH) return false;
      const token = presentedToken(request);
      if (
        options.token !== undefined &&
        (token === undefined || !sameToken(token, options.token))
      ) {
        refuse(socket, 401, 'invalid_api_key', 'Incorrect API key provided.');
        return true;
      }
      const model = url.searchParams.get('model') ?? '';
      const agent = options.findAgent(model);
      if (!agent) {
        refuse(
          socket,
          404,
          'model_not_found',
          `The model '${model}' does not exist: use an agent id.`,
        );
        return true;
      }
      wss.handleUpgrade(request, socket, head, (ws) => {
        const connection = new RealtimeConnection({
          socket: ws,
          agent,
          openSession: options.openSession,
          allowInstructions: options.allowInstructions?.(agent) ?? false,
          onClosed: () => open.delete(connection),
        });
        open.add(connection);
      });
      return true;
    },
    get connections() {
      return open.size;
    },
    async close() {
      await Promise.all([...open].map((connection) => connection.close()));
      wss.close();
    },
  };
}
