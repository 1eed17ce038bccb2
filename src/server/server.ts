import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Session, SessionModels, SessionOptions } from '../conversation/types.ts';
import type { AgentDefinition } from '../spec/agent.ts';
import { ConfigError } from '../spec/errors.ts';
import { ANONYMOUS_CALLER, type CallerIdentity } from '../spec/identity.ts';
import { BrowserConnection } from '../transport/browser-connection.ts';
import type { TelephonyMount } from '../transport/telephony/mount.ts';
import { summarizeAgent } from '../transport/agent-summary.ts';
import { DEFAULT_LIMITS, type ConnectionLimits } from '../transport/limits.ts';
import { createRealtimeEndpoint, REALTIME_PATH } from '../transport/openai-realtime/index.ts';
import { accessPolicy, crossOrigin, hostAllowed } from './access.ts';
import type { EchoCancellerChoice, EchoClientFacts } from './echo-default.ts';
import {
  defaultAdmissionLimits,
  KeyedSlots,
  SlotCounter,
  type AdmissionLimits,
} from './admission.ts';
import { DEFAULT_CPU_BUDGET, type CpuBudgetLimits } from './cpu-budget.ts';
import { openMeteredSession, type SessionCpuReport } from './cpu-guarded-session.ts';
import { identityVerifier } from './identity-token.ts';
import { createMemoryTrimmer } from './native-memory.ts';
import { authorizeHttp, presentedToken } from './request-auth.ts';
import { refuseUpgrade, sendJson, setSecurityHeaders } from './http-replies.ts';
import { withCloseHook } from './session-close-hook.ts';
import { serveStatic } from './static-files.ts';
import { serveAgentUi } from './agent-ui.ts';

export interface ServerOptions {
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 8787; 0 picks a free port. */
  readonly port?: number;
  readonly agents: readonly AgentDefinition[];
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
  /**
   * Server-side echo cancellation per session, from the transport and what the client reports
   * (`defaultEchoCancellers()` in ./echo-default.ts). Default: none.
   */
  readonly echoCancellers?: EchoCancellerChoice;
  /** Extra session options (clock, output rate …) applied to every session. */
  readonly sessionOptions?: Partial<Omit<SessionOptions, 'agent' | 'models'>>;
  /**
   * Access token (≥ 24 characters). Required for pages, `/api/*` and the WebSocket when
   * set; generated (read it from `accessToken`) when the server listens beyond loopback.
   */
  readonly token?: string;
  /**
   * Page origins (e.g. `https://shop.example`) whose pages may open the call WebSocket: sites
   * that embed `<parley-call>` (PARLEY_ALLOWED_ORIGINS). Default: none but the server's own.
   */
  readonly allowedOrigins?: readonly string[];
  /** Host names accepted besides the loopback names (PARLEY_ALLOWED_HOSTS). */
  readonly allowedHosts?: readonly string[];
  /** Secret for signed caller claims in `session.start.identity` (PARLEY_IDENTITY_SECRET). */
  readonly identitySecret?: string;
  /** PEM certificate and key: the server speaks HTTPS and WSS. */
  readonly tls?: { readonly cert: string | Buffer; readonly key: string | Buffer };
  readonly limits?: Partial<ConnectionLimits>;
  readonly admission?: Partial<AdmissionLimits>;
  /**
   * Main-thread time each browser or Realtime session may use (`false`: measured, never
   * throttled). Over it, the session's new input gets `rate-limited`; phone calls are measured only.
   */
  readonly cpuBudget?: Partial<CpuBudgetLimits> | false;
  /** Each session's main-thread time, when it closes. */
  readonly onSessionCpu?: (report: SessionCpuReport) => void;
  /** The built web client (web/dist). */
  readonly staticDir: string;
  readonly onProblem?: (message: string, error: unknown) => void;
  /** Agents whose prompt a Realtime client's `instructions` may extend. Default: none. */
  readonly realtimeInstructions?: (agent: AgentDefinition) => boolean;
  /** Client-caused trouble, one line each (default console.warn). */
  readonly onNotice?: (line: string) => void;
  /** Extra HTTP routes tried first (e.g. the cluster's `POST /api/dispatch`); true when handled. */
  readonly routes?: (request: IncomingMessage, response: ServerResponse) => Promise<boolean>;
  /** Phone endpoints (Twilio, Telnyx, SIP), given the server's way of opening sessions. */
  readonly telephony?: (
    openSession: (agent: AgentDefinition, extra: Partial<SessionOptions>) => Promise<Session>,
  ) => TelephonyMount;
  /**
   * Telemetry (src/telemetry): wraps each new session, serves its token-protected routes
   * (`/metrics`, `/calls`, `/api/calls/*`) and is closed with the server.
   */
  readonly telemetry?: {
    instrument(session: Session, agent: AgentDefinition, models: SessionModels): Session;
    handle(request: IncomingMessage, response: ServerResponse, url: URL): Promise<boolean>;
    close(): Promise<void>;
  };
}

export interface ParleyServer {
  /** Starts listening; resolves to the base URL, e.g. `http://127.0.0.1:8787`. */
  listen(): Promise<string>;
  /** Closes every connection (and its session), then the server. */
  close(): Promise<void>;
  readonly connectionCount: number;
  readonly sessionCount: number;
  /** The token clients must present, if any (show a generated one to the operator once). */
  readonly accessToken: string | undefined;
  readonly generatedToken: boolean;
  /** Serves these agents to sessions that start from now on; live sessions keep theirs (`parley dev`). */
  replaceAgents(agents: readonly AgentDefinition[]): void;
}

export const WS_PATH = '/ws';

/** The HTTP + WebSocket server: web client, agent list, health, and one socket per conversation. */
export function createServer(options: ServerOptions): ParleyServer {
  const allowedOrigins = new Set(options.allowedOrigins ?? []);
  const agentsById = new Map<string, AgentDefinition>();
  let agentList: readonly AgentDefinition[] = [];
  const setAgents = (agents: readonly AgentDefinition[]) => {
    const byId = new Map(agents.map((agent) => [agent.id, agent]));
    if (byId.size !== agents.length) throw new ConfigError('agent ids must be unique');
    agentsById.clear();
    for (const [id, agent] of byId) agentsById.set(id, agent);
    agentList = agents;
  };
  setAgents(options.agents);
  const policy = accessPolicy({
    listenHost: options.host ?? '127.0.0.1',
    token: options.token,
    allowedHosts: options.allowedHosts,
  });
  const admission = { ...defaultAdmissionLimits(), ...options.admission };
  const connectionSlots = new SlotCounter(admission.maxConnections);
  const sessionSlots = new SlotCounter(admission.maxSessions);
  const addressSlots = new KeyedSlots(admission.maxConnectionsPerAddress);
  const verifyIdentity =
    options.identitySecret === undefined ? undefined : identityVerifier(options.identitySecret);
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  // Freed native memory (decoders, ONNX sessions) goes back to the system after sessions end.
  const trimmer = createMemoryTrimmer();
  const metering = {
    limits:
      options.cpuBudget === false ? undefined : { ...DEFAULT_CPU_BUDGET, ...options.cpuBudget },
    onClosed: (report: SessionCpuReport) => {
      trimmer.sessionClosed();
      options.onSessionCpu?.(report);
    },
  };
  const secure = options.tls !== undefined;
  const connections = new Set<BrowserConnection>();
  const onRequest = (request: IncomingMessage, response: ServerResponse) => {
    handleHttp(request, response).catch((error: unknown) => {
      report('http request failed', error);
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  };
  const http: Server = options.tls
    ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, onRequest)
    : createHttpServer(onRequest);
  // Slow-loris defences: a request's headers within 10 s, the whole request within 30 s;
  // sockets of any kind (pages and WebSockets) capped a little above the WebSocket cap.
  http.headersTimeout = 10_000;
  http.requestTimeout = 30_000;
  http.maxConnections = admission.maxConnections + 64;
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: limits.preStartMaxFrameBytes,
    skipUTF8Validation: true, // checked by the connection, which answers `bad-utf8` first
  });
  const telephony = options.telephony?.((agent, extra) =>
    openCappedSession(agent, extra.caller ?? ANONYMOUS_CALLER, extra, { transport: 'telephony' }),
  );

  function report(message: string, error: unknown): void {
    if (options.onProblem) options.onProblem(message, error);
    else console.error(`parley server: ${message}:`, error);
  }

  function notice(line: string): void {
    if (options.onNotice) options.onNotice(line);
    else console.warn(`parley server: ${line}`);
  }

  /** Models and session built on a CPU account of their own; `throttled` gives it a budget. */
  function openSession(
    agent: AgentDefinition,
    caller: CallerIdentity,
    extra: Partial<SessionOptions> = {},
    client?: EchoClientFacts,
  ): Promise<Session> {
    // Phone calls are measured but never throttled: a caller cannot be told to slow down.
    const throttled = client?.transport !== 'telephony';
    return openMeteredSession(metering, throttled, async (account) => {
      const opened: { session?: Session } = {};
      const models = await account.run(() =>
        options.makeModels(agent, {
          onFallback: (label) => opened.session?.recordFallback?.(label),
        }),
      );
      const echoCanceller =
        client && options.echoCancellers && (await options.echoCancellers(agent, client));
      const created = account.run(() =>
        options.createSession({
          ...options.sessionOptions,
          ...options.agentSessionOptions?.(agent),
          ...(echoCanceller && { echoCanceller }),
          ...extra,
          agent,
          models,
          caller,
        }),
      );
      const session = options.telemetry?.instrument(created, agent, models) ?? created;
      opened.session = session;
      return session;
    });
  }

  /** OpenAI Realtime clients (`/v1/realtime`): sessions count against the same cap. */
  const realtime = createRealtimeEndpoint({
    findAgent: (id) => agentsById.get(id),
    ...(policy.token === undefined ? {} : { token: policy.token }),
    allowInstructions: (agent) => options.realtimeInstructions?.(agent) ?? false,
    openSession: (agent) => openCappedSession(agent, ANONYMOUS_CALLER),
  });

  /** A session for a transport that has no admission of its own: it holds a session slot until closed. */
  async function openCappedSession(
    agent: AgentDefinition,
    caller: CallerIdentity,
    extra: Partial<SessionOptions> = {},
    client?: EchoClientFacts,
  ): Promise<Session> {
    const release = sessionSlots.take();
    if (!release) throw new Error('busy: this server holds as many sessions as it can');
    try {
      const session = await openSession(agent, caller, extra, client);
      return withCloseHook(session, release);
    } catch (error) {
      release();
      throw error;
    }
  }

  async function handleHttp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    setSecurityHeaders(response, secure);
    const origin = request.headers.origin;
    if (origin !== undefined && allowedOrigins.has(origin)) {
      // An embedding site loads the widget's script and worklets from here (CORS mode).
      response.setHeader('access-control-allow-origin', origin);
      response.setHeader('vary', 'Origin');
    }
    if (!hostAllowed(policy, request.headers.host)) {
      notice(`refused Host ${JSON.stringify(request.headers.host ?? '').slice(0, 80)}`);
      response.writeHead(421, { 'content-type': 'text/plain; charset=utf-8' }).end('unknown host');
      return;
    }
    // Routes first: a cluster's front door answers the phone webhooks by dispatching them.
    if (await options.routes?.(request, response)) return;
    if (telephony && (await telephony.handleRequest(request, response))) return;
    // DELETE only for telemetry's `/api/calls/*` (recordings); it needs the token below too.
    const telemetryDelete = request.method === 'DELETE' && url.pathname.startsWith('/api/calls/');
    if (request.method !== 'GET' && request.method !== 'HEAD' && !telemetryDelete) {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (url.pathname === '/healthz' || url.pathname === '/health') {
      sendJson(response, { ok: true });
      return;
    }
    if (!authorizeHttp(policy, request, response, url, secure)) return;
    if (options.telemetry && (await options.telemetry.handle(request, response, url))) return;
    if (telemetryDelete) {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (url.pathname === '/api/agents') {
      sendJson(response, agentList.map(summarizeAgent));
      return;
    }
    // An agent's own ui/ folder (page, theme) at /agents/<id>/, behind the same token.
    if (await serveAgentUi(agentsById, request, response, url)) return;
    await serveStatic(options.staticDir, request, response, url.pathname);
  }

  http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (!hostAllowed(policy, request.headers.host)) {
      notice(`refused WebSocket Host ${JSON.stringify(request.headers.host ?? '').slice(0, 80)}`);
      return refuseUpgrade(socket, 421, 'Misdirected Request');
    }
    if (telephony?.handleUpgrade(request, socket, head)) return;
    if (url.pathname !== WS_PATH && url.pathname !== REALTIME_PATH)
      return refuseUpgrade(socket, 404, 'Not Found');
    if (
      crossOrigin(request.headers.origin, request.headers.host) &&
      !allowedOrigins.has(request.headers.origin ?? '')
    )
      return refuseUpgrade(socket, 403, 'Forbidden');
    if (url.pathname === REALTIME_PATH) {
      const releaseConnection = connectionSlots.take();
      if (!releaseConnection) return refuseUpgrade(socket, 503, 'Service Unavailable');
      socket.once('close', releaseConnection);
      realtime.handleUpgrade(request, socket, head);
      return;
    }
    const releaseAddress = addressSlots.take(request.socket.remoteAddress ?? '?');
    if (!releaseAddress) return refuseUpgrade(socket, 429, 'Too Many Requests');
    const releaseServer = connectionSlots.take();
    if (!releaseServer) {
      releaseAddress();
      return refuseUpgrade(socket, 503, 'Service Unavailable');
    }
    const release = () => {
      releaseServer();
      releaseAddress();
    };
    const authenticated =
      policy.token !== undefined && presentedToken(request, url, policy.token) !== undefined;
    // `ws` answers a bad handshake itself and never calls back: give the slots back then.
    let adopted = false;
    socket.once('close', () => {
      if (!adopted) release();
    });
    wss.handleUpgrade(request, socket, head, (ws) => {
      adopted = true;
      const connection = new BrowserConnection({
        socket: ws,
        findAgent: (id) => agentsById.get(id),
        openSession: (agent, caller, client) =>
          openSession(agent, caller, {}, { transport: 'browser', ...client }),
        ...(policy.token === undefined ? {} : { token: policy.token }),
        authenticated,
        ...(verifyIdentity === undefined ? {} : { verifyIdentity }),
        admitSession: () => sessionSlots.take(),
        limits,
        ...(options.sessionOptions?.clock ? { clock: options.sessionOptions.clock } : {}),
        onProblem: report,
        onNotice: notice,
        onClosed: () => {
          connections.delete(connection);
          release();
        },
      });
      connections.add(connection);
    });
  });

  return {
    get connectionCount() {
      return connections.size;
    },
    get sessionCount() {
      return sessionSlots.used;
    },
    accessToken: policy.token,
    generatedToken: policy.generatedToken,
    replaceAgents: setAgents,
    listen() {
      return new Promise<string>((resolvePromise, reject) => {
        http.once('error', reject);
        http.listen(options.port ?? 8787, options.host ?? '127.0.0.1', () => {
          http.off('error', reject);
          const address = http.address() as AddressInfo;
          const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          resolvePromise(`${secure ? 'https' : 'http'}://${host}:${address.port}`);
        });
      });
    },
    async close() {
      await Promise.all([...connections].map((connection) => connection.close()));
      trimmer.close();
      await realtime.close();
      await telephony?.close();
      await options.telemetry?.close();
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolvePromise) => wss.close(() => resolvePromise()));
      http.closeAllConnections();
      await new Promise<void>((resolvePromise, reject) =>
        http.close((error) => (error && http.listening ? reject(error) : resolvePromise())),
      );
    },
  };
}
