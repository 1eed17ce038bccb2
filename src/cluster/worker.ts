import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { Redis } from 'ioredis';
import { type WebSocket, WebSocketServer } from 'ws';
import type { Session, SessionOptions } from '../conversation/types.ts';
import { recordSession } from '../records/recorded-session.ts';
import type { RecordedSession, RecordSink } from '../records/recorded-session.ts';
import type { EchoClientFacts } from '../server/echo-default.ts';
import type { AgentDefinition } from '../spec/agent.ts';
import { BrowserConnection } from '../transport/browser-connection.ts';
import { HARD_MAX_FRAME_BYTES } from '../transport/limits.ts';
import { type Call, CallTable, endCall } from './calls.ts';
import { type ControlMessage, parseControlMessage } from './control.ts';
import { DispatchTokenError } from './errors.ts';
import { LoadProbe } from './load-probe.ts';
import { phoneStreams } from './worker-phone.ts';
import { sipCalls } from './worker-sip.ts';
import type { ParleyWorker, WorkerOptions } from './worker-options.ts';

export type { ParleyWorker, WorkerOptions } from './worker-options.ts';
import {
  claimSession,
  keys,
  releaseSession,
  removeWorker,
  settleReservation,
  updateSessions,
  WORKER_TTL_MS,
  writeHeartbeat,
} from './registry.ts';
import { checkSecret, NonceLedger, verifyDispatchToken } from './token.ts';

/** A `parley worker`: runs calls dispatched to it, reports its load to Redis, obeys control messages. */
export function createWorker(options: WorkerOptions): ParleyWorker {
  checkSecret(options.secret);
  const workerId = options.workerId ?? randomUUID();
  const agentsById = new Map(options.agents.map((agent) => [agent.id, agent]));
  const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
  const subscriber = redis.duplicate();
  const calls = new CallTable();
  const nonces = new NonceLedger();
  const probe = new LoadProbe();
  let maxSessions = options.maxSessions ?? 200;
  let url = '';
  let drainStartedAtMs: number | undefined;
  let beat: NodeJS.Timeout | undefined;
  let beating: Promise<void> = Promise.resolve();
  let redisDown = false;
  let closing: Promise<void> | undefined;
  const report = (message: string, error: unknown) =>
    options.onProblem
      ? options.onProblem(message, error)
      : console.error(`parley worker ${workerId}: ${message}:`, error);
  redis.on('error', (error) => report('redis connection', error));
  subscriber.on('error', (error) => report('redis subscriber connection', error));

  const http = createHttpServer((request, response) => {
    if (request.url === '/healthz') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({ workerId, calls: calls.size, draining: drainStartedAtMs !== undefined }),
      );
      return;
    }
    response.writeHead(404).end();
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: HARD_MAX_FRAME_BYTES });

  const settle = () =>
    settleReservation(redis, workerId, calls.size).catch((error: unknown) =>
      report('settling a dispatch', error),
    );
  /** A call dispatched after the drain began is refused (those dispatched before are taken). */
  const draining = (claims: { readonly issuedAtMs: number }) =>
    drainStartedAtMs !== undefined && claims.issuedAtMs >= drainStartedAtMs
      ? 'the worker is draining'
      : undefined;
  const phoneOptions = {
    secret: options.secret,
    workerId,
    nonces,
    findAgent: (id: string) => agentsById.get(id),
    openSession: (
      call: Call,
      agent: AgentDefinition,
      extra: Partial<SessionOptions> = {},
    ): Promise<RecordedSession> => openCallSession(call, agent, extra, { transport: 'telephony' }),
    onAccepted: (call: Call) => {
      calls.add(call);
      void settle();
    },
    onClosed: forget,
    onProblem: report,
  };
  const phone = phoneStreams({
    ...phoneOptions,
    // A media stream counts from its upgrade, before its ticket is read: itself included.
    refusal: (claims) =>
      draining(claims) ?? (calls.size > maxSessions ? 'the worker is full' : undefined),
  });
  const sip = options.sip
    ? sipCalls({
        ...phoneOptions,
        refusal: (claims) =>
          draining(claims) ?? (calls.size >= maxSessions ? 'the worker is full' : undefined),
        sip: options.sip,
        host: options.host ?? '127.0.0.1',
      })
    : undefined;
  let sipAddress: string | undefined;

  http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (phone.handleUpgrade(request, socket, head)) return;
    const admitted = admit(request);
    if (admitted !== undefined) return refuse(socket, admitted.status, admitted.text);
    wss.handleUpgrade(request, socket, head, (ws) => {
      accept(ws);
      void settle();
    });
  });

  /** Undefined when the upgrade may go on; else why not. */
  function admit(request: IncomingMessage): { status: number; text: string } | undefined {
    const requestUrl = new URL(request.url ?? '/', 'http://localhost');
    if (requestUrl.pathname !== '/ws') return { status: 404, text: 'Not Found' };
    const token = requestUrl.searchParams.get('dispatch');
    if (token === null) return { status: 401, text: 'Unauthorized' };
    const nowMs = Date.now();
    try {
      const claims = verifyDispatchToken(options.secret, token, workerId, nowMs);
      // A call dispatched before the drain began is still taken: no client is turned away.
      if (drainStartedAtMs !== undefined && claims.issuedAtMs >= drainStartedAtMs)
        return { status: 503, text: 'Service Unavailable' };
      if (calls.size >= maxSessions) return { status: 503, text: 'Service Unavailable' };
      nonces.use(claims, nowMs);
      return undefined;
    } catch (error) {
      if (!(error instanceof DispatchTokenError)) throw error;
      report(`refused a connection: ${error.problem}`, error);
      return { status: 401, text: 'Unauthorized' };
    }
  }

  function accept(ws: WebSocket): void {
    const call: Call = {
      end: (code, message) => {
        if (ws.readyState === ws.OPEN)
          ws.send(JSON.stringify({ type: 'error', code, message, fatal: true }));
        return connection.close();
      },
    };
    const connection = new BrowserConnection({
      socket: ws,
      findAgent: (id) => agentsById.get(id),
      openSession: (agent, _caller, client) =>
        openCallSession(call, agent, {}, { transport: 'browser', ...client }),
      ...(options.limits === undefined ? {} : { limits: options.limits }),
      onProblem: report,
      onClosed: () => forget(call),
    });
    calls.add(call);
  }

  /** A call ended: it no longer counts, and its session is no longer found through Redis. */
  function forget(call: Call): void {
    calls.delete(call);
    if (drainStartedAtMs === undefined)
      updateSessions(redis, workerId, calls.size).catch((error: unknown) =>
        report('updating the session count', error),
      );
    if (call.session)
      releaseSession(redis, call.session.id).catch((error: unknown) =>
        report('releasing a session', error),
      );
  }

  /** The call's session, recorded, and claimed in Redis so control messages find it. */
  async function openCallSession(
    call: Call,
    agent: AgentDefinition,
    extra: Partial<SessionOptions>,
    echoFacts: EchoClientFacts,
  ): Promise<RecordedSession> {
    const opened: { session?: Session } = {};
    const models = await options.makeModels(agent, {
      onFallback: (label) => opened.session?.recordFallback?.(label),
    });
    const echoCanceller = await options.echoCancellers?.(agent, echoFacts);
    const created = options.createSession({
      ...options.agentSessionOptions?.(agent),
      ...(echoCanceller && { echoCanceller }),
      ...extra,
      agent,
      models,
    });
    opened.session = created;
    const session = recordSession(created, { queue: options.records ?? discardRecords, workerId });
    call.session = session;
    claimSession(redis, session.id, workerId).catch((error: unknown) =>
      report('claiming a session', error),
    );
    return session;
  }

  async function heartbeat(): Promise<void> {
    const { cpu, lagMs } = probe.sample();
    try {
      await writeHeartbeat(redis, {
        workerId,
        url,
        sessions: calls.size,
        maxSessions,
        cpu,
        lagMs,
        draining: drainStartedAtMs !== undefined,
        beatAtMs: Date.now(),
        ...(sipAddress !== undefined && { sipAddress }),
      });
      if (redisDown) report('redis is back: registered again', undefined);
      redisDown = false;
    } catch (error) {
      if (!redisDown) report('heartbeat failed (redis down?); retrying every beat', error);
      redisDown = true;
    }
  }

  function onControl(message: ControlMessage): void {
    if (message.type === 'config') {
      if (message.config.maxSessions !== undefined) maxSessions = message.config.maxSessions;
      return;
    }
    const call = calls.bySession(message.sessionId);
    if (!call) return;
    if (message.type === 'end') {
      void endCall(
        call,
        'session-expired',
        `the call was ended: ${message.reason}`,
        `ended: ${message.reason}`,
      );
      return;
    }
    const session = call.session;
    if (!options.onTransfer || !session) {
      report(
        `transfer of ${message.sessionId} refused: this worker's transport cannot transfer`,
        undefined,
      );
      return;
    }
    options.onTransfer(session, message.target).then(
      () =>
        endCall(
          call,
          'session-expired',
          `the call was transferred to ${message.target}`,
          `transferred: ${message.target}`,
        ),
      (error: unknown) => report(`transfer of ${message.sessionId} failed`, error),
    );
  }

  async function shutDown(): Promise<void> {
    clearInterval(beat);
    await beating; // a beat landing after the removal below would list this worker again
    await Promise.all(
      calls
        .all()
        .map((call) =>
          endCall(call, 'session-expired', 'the worker is shutting down', 'worker-closed'),
        ),
    );
    for (const client of wss.clients) client.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
    await phone.close();
    await sip?.close();
    http.closeAllConnections();
    await new Promise<void>((resolve) => http.close(() => resolve()));
    await removeWorker(redis, workerId).catch((error: unknown) => report('deregistering', error));
    probe.close();
    subscriber.disconnect();
    redis.disconnect();
  }

  return {
    workerId,
    get callCount() {
      return calls.size;
    },
    get draining() {
      return drainStartedAtMs !== undefined;
    },
    async start() {
      await new Promise<void>((resolve, reject) => {
        http.once('error', reject);
        http.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
          http.off('error', reject);
          resolve();
        });
      });
      const address = http.address() as AddressInfo;
      url = options.publicUrl ?? `ws://${options.host ?? '127.0.0.1'}:${address.port}/ws`;
      if (sip) sipAddress = await sip.listen();
      await redis.connect();
      await subscriber.connect();
      subscriber.on('message', (_channel: string, text: string) => {
        const message = parseControlMessage(text);
        if (message) onControl(message);
        else report('ignored a malformed control message', new Error(text.slice(0, 200)));
      });
      await subscriber.subscribe(keys.control(workerId), keys.broadcast);
      await heartbeat();
      beat = setInterval(
        () => {
          beating = heartbeat();
        },
        options.heartbeatMs ?? WORKER_TTL_MS / 3,
      );
      return url;
    },
    async drain(limitMs) {
      drainStartedAtMs = Date.now();
      await heartbeat();
      const before = calls.size;
      const finishedInTime = await calls.idle(AbortSignal.timeout(limitMs));
      const cut = finishedInTime ? 0 : calls.size;
      if (!finishedInTime)
        await Promise.all(
          calls
            .all()
            .map((call) =>
              endCall(
                call,
                'session-expired',
                'the worker is restarting: please call again',
                'worker-drained',
              ),
            ),
        );
      closing ??= shutDown();
      await closing;
      return { finished: before - cut, cut };
    },
    close() {
      closing ??= shutDown();
      return closing;
    },
  };
}

/** Without a records store, records go nowhere. */
const discardRecords: RecordSink = { push: () => undefined };

function refuse(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
