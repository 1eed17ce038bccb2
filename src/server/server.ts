import {
  createServer as createHttpServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Session, SessionModels, SessionOptions } from '../session/types.ts';
import type { AgentDefinition } from '../spec/agent.ts';
import { ConfigError } from '../spec/errors.ts';
import { BrowserConnection } from '../transport/browser-connection.ts';
import type { TelephonyMount } from '../transport/telephony/mount.ts';
import { summarizeAgent } from '../transport/agent-summary.ts';
import { HARD_MAX_FRAME_BYTES, type ConnectionLimits } from '../transport/limits.ts';
import { serveStatic } from './static-files.ts';

export interface ServerOptions {
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 8787; 0 picks a free port. */
  readonly port?: number;
  readonly agents: readonly AgentDefinition[];
  /** Fresh models for one conversation with `agent`. */
  /** The models for one session; `hooks.onFallback` counts provider fallbacks in that session's metrics. */
  readonly makeModels: (
    agent: AgentDefinition,
    hooks: { readonly onFallback: (label: string) => void },
  ) => SessionModels | Promise<SessionModels>;
  /** Per-agent session options shared by its sessions (retriever, cache). */
  readonly agentSessionOptions?: (
    agent: AgentDefinition,
  ) => Partial<Omit<SessionOptions, 'agent' | 'models'>>;
  readonly createSession: (options: SessionOptions) => Session;
  /** Extra session options (clock, output rate …) applied to every session. */
  readonly sessionOptions?: Partial<Omit<SessionOptions, 'agent' | 'models'>>;
  /** When set, every `session.start` must present it. */
  readonly token?: string;
  readonly limits?: Partial<ConnectionLimits>;
  /** The built web client (web/dist). */
  readonly staticDir: string;
  readonly onProblem?: (message: string, error: unknown) => void;
  /** Phone endpoints (Twilio, Telnyx, SIP), given the server's way of opening sessions. */
  readonly telephony?: (
    openSession: (agent: AgentDefinition, extra: Partial<SessionOptions>) => Promise<Session>,
  ) => TelephonyMount;
}

export interface ParleyServer {
  /** Starts listening; resolves to the base URL, e.g. `http://127.0.0.1:8787`. */
  listen(): Promise<string>;
  /** Closes every connection (and its session), then the server. */
  close(): Promise<void>;
  readonly connectionCount: number;
}

export const WS_PATH = '/ws';

/** The HTTP + WebSocket server: web client, agent list, health, and one socket per conversation. */
export function createServer(options: ServerOptions): ParleyServer {
  const agentsById = new Map(options.agents.map((agent) => [agent.id, agent]));
  if (agentsById.size !== options.agents.length) throw new ConfigError('agent ids must be unique');
  const connections = new Set<BrowserConnection>();
  const http = createHttpServer((request, response) => {
    handleHttp(request, response).catch((error: unknown) => {
      report('http request failed', error);
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: HARD_MAX_FRAME_BYTES });
  const telephony = options.telephony?.(openSession);

  function report(message: string, error: unknown): void {
    if (options.onProblem) options.onProblem(message, error);
    else console.error(`parley server: ${message}:`, error);
  }

  async function openSession(
    agent: AgentDefinition,
    extra: Partial<SessionOptions> = {},
  ): Promise<Session> {
    const opened: { session?: Session } = {};
    const models = await options.makeModels(agent, {
      onFallback: (label) => opened.session?.recordFallback?.(label),
    });
    const session = options.createSession({
      ...options.sessionOptions,
      ...options.agentSessionOptions?.(agent),
      ...extra,
      agent,
      models,
    });
    opened.session = session;
    return session;
  }

  async function handleHttp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    setSecurityHeaders(response);
    if (telephony && (await telephony.handleRequest(request, response))) return;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (url.pathname === '/healthz') {
      sendJson(response, { ok: true, connections: connections.size });
      return;
    }
    if (url.pathname === '/api/agents') {
      sendJson(response, options.agents.map(summarizeAgent));
      return;
    }
    await serveStatic(options.staticDir, request, response, url.pathname);
  }

  http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (telephony?.handleUpgrade(request, socket, head)) return;
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== WS_PATH) return refuseUpgrade(socket, 404, 'Not Found');
    if (!sameOrigin(request)) return refuseUpgrade(socket, 403, 'Forbidden');
    wss.handleUpgrade(request, socket, head, (ws) => {
      const connection = new BrowserConnection({
        socket: ws,
        findAgent: (id) => agentsById.get(id),
        openSession,
        ...(options.token === undefined ? {} : { token: options.token }),
        ...(options.limits === undefined ? {} : { limits: options.limits }),
        ...(options.sessionOptions?.clock ? { clock: options.sessionOptions.clock } : {}),
        onProblem: report,
        onClosed: () => connections.delete(connection),
      });
      connections.add(connection);
    });
  });

  return {
    get connectionCount() {
      return connections.size;
    },
    listen() {
      return new Promise<string>((resolvePromise, reject) => {
        http.once('error', reject);
        http.listen(options.port ?? 8787, options.host ?? '127.0.0.1', () => {
          http.off('error', reject);
          const address = http.address() as AddressInfo;
          const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          resolvePromise(`http://${host}:${address.port}`);
        });
      });
    },
    async close() {
      await Promise.all([...connections].map((connection) => connection.close()));
      await telephony?.close();
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolvePromise) => wss.close(() => resolvePromise()));
      http.closeAllConnections();
      await new Promise<void>((resolvePromise, reject) =>
        http.close((error) => (error && http.listening ? reject(error) : resolvePromise())),
      );
    },
  };
}

/** A page on another site must not open a conversation with a local agent. */
function sameOrigin(request: IncomingMessage): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true; // not a browser
  try {
    return new URL(origin).host === request.headers.host;
  } catch (error) {
    if (error instanceof TypeError) return false;
    throw error;
  }
}

function refuseUpgrade(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function setSecurityHeaders(response: ServerResponse): void {
  response.setHeader('x-content-type-options', 'nosniff');
  response.setHeader('referrer-policy', 'no-referrer');
  response.setHeader(
    'content-security-policy',
    "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'",
  );
}

function sendJson(response: ServerResponse, value: unknown): void {
  const body = JSON.stringify(value);
  response.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  });
  response.end(body);
}
