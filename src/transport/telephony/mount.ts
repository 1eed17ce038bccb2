import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { AgentDefinition, Clock } from '../../index.ts';
import { systemClock } from '../../index.ts';
import { SipServer, type SipServerOptions } from '../sip/server.ts';
import { telnyxProtocol } from '../telnyx/serializer.ts';
import {
  TELNYX_MEDIA_PATH,
  TELNYX_VOICE_PATH,
  handleTelnyxVoice,
  type TelnyxOptions,
} from '../telnyx/webhook.ts';
import { twilioProtocol } from '../twilio/serializer.ts';
import {
  TWILIO_MEDIA_PATH,
  TWILIO_VOICE_PATH,
  handleTwilioVoice,
  type TwilioOptions,
} from '../twilio/webhook.ts';
import { telephonyCaller, type TelephonyContext } from './context.ts';
import { DEFAULT_DTMF_RULE, type DtmfRule } from './dtmf.ts';
import { PendingCalls, type PendingCall } from './pending-calls.ts';
import { phoneAgent } from './phone-agent.ts';
import { StreamConnection, type StreamAdmission } from './stream-connection.ts';
import type { StreamEvent, StreamProtocol } from './stream-protocol.ts';

interface StreamRoute {
  readonly protocol: StreamProtocol;
  readonly admit: (start: Extract<StreamEvent, { kind: 'start' }>, url: URL) => StreamAdmission;
}

export interface TelephonyOptions {
  readonly agents: readonly AgentDefinition[];
  /** Default: the first agent. */
  readonly defaultAgentId?: string;
  readonly openSession: TelephonyContext['openSession'];
  /**
   * Per-agent keypad rules, over the default (`#`, 16 digits or a 3 s pause ends an entry; the
   * digits alone reach the agent): e.g. `{ support: { entryText: 'My order number is {digits}.' } }`.
   */
  readonly dtmfRules?: Readonly<Record<string, Partial<DtmfRule>>>;
  readonly twilio?: TwilioOptions;
  readonly telnyx?: TelnyxOptions;
  /** The SIP endpoint (UDP and TCP); absent means off. */
  readonly sip?: Omit<SipServerOptions, 'context'>;
  readonly clock?: Clock;
  readonly onProblem?: (message: string, error: unknown) => void;
}

/** The telephony endpoints, mounted on the HTTP server the browser transport uses. */
export interface TelephonyMount {
  /** Handles the request and resolves true when it is a telephony path; false leaves it. */
  handleRequest(request: IncomingMessage, response: ServerResponse): Promise<boolean>;
  /** Takes the upgrade and returns true when it is a telephony media path. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  readonly activeCalls: number;
  /** Resolves once every endpoint listens (the SIP port when SIP is on); rejects if one cannot. */
  readonly ready: Promise<{ readonly sipPort?: number }>;
  /** The SIP server, when SIP is on. */
  readonly sip: SipServer | undefined;
  /** Ends every call (and its session). */
  close(): Promise<void>;
}

export function mountTelephony(options: TelephonyOptions): TelephonyMount {
  const agentsById = new Map(options.agents.map((agent) => [agent.id, agent]));
  const clock = options.clock ?? systemClock;
  const context: TelephonyContext = {
    findAgent: (id) => agentsById.get(id),
    defaultAgentId: options.defaultAgentId ?? options.agents[0]?.id ?? '',
    // Every phone transport meets the agent as a caller does (a greeting, the star key for push-to-talk).
    openSession: (agent, sessionOptions) => options.openSession(phoneAgent(agent), sessionOptions),
    dtmfRuleFor: (agent) => ({
      ...DEFAULT_DTMF_RULE,
      ...agent.keypad,
      ...options.dtmfRules?.[agent.id],
    }),
    clock,
    onProblem:
      options.onProblem ??
      ((message, error) => console.error(`parley telephony: ${message}`, error ?? '')),
  };
  const twilio = options.twilio ?? {};
  const twilioCalls = new PendingCalls(clock);
  const connections = new Set<StreamConnection>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });

  const telnyx = options.telnyx ?? {};
  const telnyxCalls = new PendingCalls(clock);

  /** A stream is admitted on what its webhook announced; with a signing key, only then. */
  function admitAnnounced(
    announced: PendingCall | undefined,
    mustBeAnnounced: boolean,
    fallbackAgentId: string | undefined | null,
    what: string,
  ): StreamAdmission {
    if (mustBeAnnounced && !announced)
      return { refused: `no signed webhook announced ${what.slice(0, 60)}` };
    const agentId = announced?.agentId ?? fallbackAgentId ?? context.defaultAgentId;
    const phone = announced?.verifiedPhoneNumber;
    return phone ? { agentId, caller: telephonyCaller(phone) } : { agentId };
  }

  const streams: Record<string, StreamRoute> = {
    [TWILIO_MEDIA_PATH]: {
      protocol: twilioProtocol,
      admit: (start) =>
        admitAnnounced(
          twilioCalls.take(start.callId),
          twilio.authToken !== undefined,
          start.parameters['agent'],
          `call ${start.callId}`,
        ),
    },
    [TELNYX_MEDIA_PATH]: {
      protocol: telnyxProtocol,
      admit: (start, url) => {
        const reference = url.searchParams.get('call');
        return admitAnnounced(
          reference === null ? undefined : telnyxCalls.take(reference),
          telnyx.publicKey !== undefined,
          url.searchParams.get('agent'),
          `call reference ${reference ?? '(none)'}`,
        );
      },
    },
  };

  const sip = options.sip ? new SipServer({ ...options.sip, context }) : undefined;
  const ready = sip ? sip.listen().then((sipPort) => ({ sipPort })) : Promise.resolve({});
  ready.catch((error: unknown) => context.onProblem('sip: could not listen', error));

  return {
    ready,
    sip,
    get activeCalls() {
      return connections.size + (sip?.stats.activeCalls ?? 0);
    },
    async handleRequest(request, response) {
      const path = new URL(request.url ?? '/', 'http://x').pathname;
      if (path === TWILIO_VOICE_PATH) {
        await handleTwilioVoice(request, response, context, twilio, twilioCalls);
        return true;
      }
      if (path === TELNYX_VOICE_PATH) {
        await handleTelnyxVoice(request, response, context, telnyx, telnyxCalls);
        return true;
      }
      return false;
    },
    handleUpgrade(request, socket, head) {
      const url = new URL(request.url ?? '/', 'http://x');
      const stream = streams[url.pathname];
      if (!stream) return false;
      wss.handleUpgrade(request, socket, head, (ws) => {
        const connection = new StreamConnection({
          socket: ws,
          protocol: stream.protocol,
          context,
          admit: (start) => stream.admit(start, url),
          onClosed: () => connections.delete(connection),
        });
        connections.add(connection);
      });
      return true;
    },
    async close() {
      await Promise.all([...connections].map((connection) => connection.close()));
      if (sip)
        await ready.then(
          () => sip.close(),
          () => undefined,
        );
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
