import type { Session } from '../conversation/types.ts';
import { withCloseHook } from '../server/session-close-hook.ts';
import { systemClock } from '../stream/system-clock.ts';
import { userOf } from '../transport/sip/build.ts';
import type { SipRequest } from '../transport/sip/message.ts';
import { SipServer } from '../transport/sip/server.ts';
import type { SipRefusal } from '../transport/sip/user-agent.ts';
import { DEFAULT_DTMF_RULE } from '../transport/telephony/dtmf.ts';
import type { Call } from './calls.ts';
import type { PhoneStreamsOptions } from './worker-phone.ts';
import { DispatchTokenError } from './errors.ts';
import { SIP_TICKET_PARAM } from './sip-door.ts';
import { verifyDispatchToken } from './token.ts';

/** A worker's SIP endpoint: where the front door's 302 sends the caller. */
export interface WorkerSipOptions {
  /** UDP and TCP port; 0 picks a free one. */
  readonly port: number;
  /** Bind address. Default: the worker's host. */
  readonly host?: string;
  /** The address trunks reach (Contact, SDP). Default: `host`. */
  readonly advertisedAddress?: string;
  /** Trunk addresses whose caller numbers are trusted as verified. */
  readonly trustedCallerHosts?: readonly string[];
}

/** What SIP calls need of the worker: the same as its media streams, and where to listen. */
export interface SipCallsOptions extends PhoneStreamsOptions {
  readonly sip: WorkerSipOptions;
  readonly host: string;
}

/**
 * A worker's SIP calls: an INVITE is answered only with a valid ticket for this worker in its
 * Request-URI (`;parley-ticket=`, put there by the front door's redirect) naming the agent
 * it asks for; each call counts, records and drains like the worker's other calls.
 */
export function sipCalls(options: SipCallsOptions) {
  const host = options.sip.host ?? options.host;
  const advertised = options.sip.advertisedAddress ?? host;

  function screen(request: SipRequest): SipRefusal | undefined {
    const ticket = uriParameter(request.uri, SIP_TICKET_PARAM);
    if (ticket === undefined) return { status: 403, reason: 'Forbidden' };
    const nowMs = Date.now();
    try {
      const claims = verifyDispatchToken(options.secret, ticket, options.workerId, nowMs);
      if (claims.call?.agentId === undefined || claims.call.agentId !== userOf(request.uri))
        return { status: 403, reason: 'Forbidden' };
      const why = options.refusal(claims);
      if (why !== undefined) {
        options.onProblem(`refused a SIP call: ${why}`, undefined);
        return { status: 503, reason: 'Service Unavailable' };
      }
      options.nonces.use(claims, nowMs);
      return undefined;
    } catch (error) {
      if (!(error instanceof DispatchTokenError)) throw error;
      options.onProblem(`refused a SIP call: ${error.problem}`, error);
      return { status: 403, reason: 'Forbidden' };
    }
  }

  const server: SipServer = new SipServer({
    port: options.sip.port,
    host,
    advertisedAddress: advertised,
    trustedCallerHosts: options.sip.trustedCallerHosts ?? [],
    screenInvite: screen,
    context: {
      findAgent: options.findAgent,
      defaultAgentId: '',
      openSession: async (agent, sessionOptions): Promise<Session> => {
        const held: { session?: Session } = {};
        const call: Call = {
          end: () => {
            for (const leg of server.userAgent.calls.values())
              if (held.session !== undefined && leg.telephonyCall?.session === held.session)
                leg.hangUp();
            return Promise.resolve();
          },
        };
        options.onAccepted(call);
        try {
          const session = await options.openSession(call, agent, sessionOptions);
          held.session = withCloseHook(session, () => options.onClosed(call));
          return held.session;
        } catch (error) {
          options.onClosed(call);
          throw error;
        }
      },
      dtmfRuleFor: () => DEFAULT_DTMF_RULE,
      clock: systemClock,
      onProblem: options.onProblem,
    },
  });

  return {
    /** Listens; resolves to the `host:port` the front door redirects callers to. */
    async listen(): Promise<string> {
      const port = await server.listen();
      return `${advertised}:${port}`;
    },
    close: () => server.close(),
  };
}

/** A parameter of a SIP URI (`sip:user@host:port;name=value`), undefined when absent. */
export function uriParameter(uri: string, name: string): string | undefined {
  const params = uri.split('?')[0]?.split(';').slice(1) ?? [];
  for (const param of params) {
    const [key, value] = param.split('=', 2);
    if (key?.toLowerCase() === name) return value;
  }
  return undefined;
}
