import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import type { Session } from '../conversation/types.ts';
import type { RecordedSession } from '../records/recorded-session.ts';
import type { AgentDefinition } from '../spec/agent.ts';
import { systemClock } from '../stream/system-clock.ts';
import { telephonyCaller, type TelephonyContext } from '../transport/telephony/context.ts';
import { DEFAULT_DTMF_RULE } from '../transport/telephony/dtmf.ts';
import {
  StreamConnection,
  type StreamAdmission,
} from '../transport/telephony/stream-connection.ts';
import type { StreamEvent, StreamProtocol } from '../transport/telephony/stream-protocol.ts';
import { telnyxProtocol } from '../transport/telnyx/serializer.ts';
import { TELNYX_MEDIA_PATH } from '../transport/telnyx/webhook.ts';
import { twilioProtocol } from '../transport/twilio/serializer.ts';
import { TWILIO_MEDIA_PATH } from '../transport/twilio/webhook.ts';
import type { Call } from './calls.ts';
import { DispatchTokenError } from './errors.ts';
import { type DispatchClaims, type NonceLedger, verifyDispatchToken } from './token.ts';

type StartEvent = Extract<StreamEvent, { kind: 'start' }>;

export interface PhoneStreamsOptions {
  readonly secret: string;
  readonly workerId: string;
  /** Shared with browser dispatch: a ticket opens one call, whatever its transport. */
  readonly nonces: NonceLedger;
  readonly findAgent: (id: string) => AgentDefinition | undefined;
  /** Why this worker cannot take the dispatched call now (draining, full), or undefined. */
  readonly refusal: (claims: DispatchClaims) => string | undefined;
  /** Opens the call's session (recorded, claimed in Redis) for `call`. */
  readonly openSession: (
    call: Call,
    agent: AgentDefinition,
    options: Parameters<TelephonyContext['openSession']>[1],
  ) => Promise<RecordedSession>;
  /** A media stream was accepted (it counts as a call until `onClosed`). */
  readonly onAccepted: (call: Call) => void;
  readonly onClosed: (call: Call) => void;
  readonly onProblem: (message: string, error: unknown) => void;
}

interface Route {
  readonly protocol: StreamProtocol;
  /** Where the carrier carries the ticket: Twilio in a `<Parameter>`, Telnyx in the URL. */
  readonly ticket: (start: StartEvent, url: URL) => string | undefined;
}

const ROUTES: Readonly<Record<string, Route>> = {
  [TWILIO_MEDIA_PATH]: {
    protocol: twilioProtocol,
    ticket: (start) => start.parameters['dispatch'],
  },
  [TELNYX_MEDIA_PATH]: {
    protocol: telnyxProtocol,
    ticket: (_start, url) => url.searchParams.get('dispatch') ?? undefined,
  },
};

/**
 * A worker's Twilio and Telnyx media endpoints. The front door answered the call's webhook
 * (phone-door.ts); the stream arrives here with its signed single-use ticket, which names this
 * worker, the agent, the call (Twilio's CallSid) and the verified caller number.
 */
export function phoneStreams(options: PhoneStreamsOptions) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const connections = new Set<StreamConnection>();

  function admit(start: StartEvent, ticket: string | undefined): StreamAdmission {
    if (ticket === undefined) return { refused: 'the stream carries no dispatch ticket' };
    const nowMs = Date.now();
    try {
      const claims = verifyDispatchToken(options.secret, ticket, options.workerId, nowMs);
      const call = claims.call;
      if (!call) return { refused: 'the dispatch ticket is not for a phone call' };
      if (call.callId !== undefined && call.callId !== start.callId)
        return { refused: 'the dispatch ticket is for another call' };
      const why = options.refusal(claims);
      if (why !== undefined) return { refused: why };
      options.nonces.use(claims, nowMs);
      return {
        agentId: call.agentId,
        ...(call.phoneNumber !== undefined && { caller: telephonyCaller(call.phoneNumber) }),
      };
    } catch (error) {
      if (!(error instanceof DispatchTokenError)) throw error;
      options.onProblem(`refused a phone stream: ${error.problem}`, error);
      return { refused: `dispatch ticket refused: ${error.problem}` };
    }
  }

  function accept(route: Route, url: URL, socket: WebSocket): void {
    const held: { connection?: StreamConnection } = {};
    const call: Call = { end: () => held.connection?.close() ?? Promise.resolve() };
    const context: TelephonyContext = {
      findAgent: options.findAgent,
      defaultAgentId: '',
      openSession: async (agent, sessionOptions): Promise<Session> => {
        const session = await options.openSession(call, agent, sessionOptions);
        call.session = session;
        return session;
      },
      dtmfRuleFor: () => DEFAULT_DTMF_RULE,
      clock: systemClock,
      onProblem: options.onProblem,
    };
    const connection = new StreamConnection({
      socket,
      protocol: route.protocol,
      context,
      admit: (start) => admit(start, route.ticket(start, url)),
      onClosed: () => {
        connections.delete(connection);
        options.onClosed(call);
      },
    });
    held.connection = connection;
    connections.add(connection);
    options.onAccepted(call);
  }

  return {
    /** Takes the upgrade when it is a media path; false leaves it to the browser endpoint. */
    handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
      const url = new URL(request.url ?? '/', 'http://x');
      const route = ROUTES[url.pathname];
      if (!route) return false;
      wss.handleUpgrade(request, socket, head, (ws) => accept(route, url, ws));
      return true;
    },
    async close(): Promise<void> {
      await Promise.all([...connections].map((connection) => connection.close()));
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
