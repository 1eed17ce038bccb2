import { createSocket } from 'node:dgram';
import { ALLOWED_METHODS, buildResponse, randomToken, userOf } from '../transport/sip/build.ts';
import {
  header,
  serializeSip,
  type SipRequest,
  type SipResponse,
} from '../transport/sip/message.ts';
import { parseSip } from '../transport/sip/parser.ts';
import { NoWorkerError } from './errors.ts';
import type { PhoneDispatch } from './front-door.ts';
import type { PhoneCallClaims } from './token.ts';

/** The Request-URI parameter that carries the dispatch ticket to the worker. */
export const SIP_TICKET_PARAM = 'parley-ticket';

export interface SipDoorOptions {
  /** The front door's `dispatchSip`: least-loaded healthy worker with a SIP endpoint. */
  readonly dispatchSip: (call: PhoneCallClaims, signal?: AbortSignal) => Promise<PhoneDispatch>;
  readonly agentIds: readonly string[];
  /** Default: the first of `agentIds`. */
  readonly defaultAgentId?: string;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** UDP port; 0 picks a free one. */
  readonly port: number;
  readonly onProblem?: (message: string, error: unknown) => void;
}

/**
 * The front door's SIP endpoint (UDP): a redirect server (RFC 3261 §8.3). Each INVITE is
 * answered `302 Moved Temporarily` with a Contact at the least-loaded worker's SIP address,
 * the signed single-use ticket in its `parley-ticket` URI parameter; the caller's user agent
 * sends the INVITE there, so the front door keeps no call state and carries no media.
 */
export function createSipDoor(options: SipDoorOptions) {
  const socket = createSocket('udp4');
  const agents = new Set(options.agentIds);
  const defaultAgentId = options.defaultAgentId ?? options.agentIds[0] ?? '';
  const problem =
    options.onProblem ?? ((message, error) => console.error(`parley sip door: ${message}`, error));
  let closed = false;

  socket.on('error', (error) => problem('udp socket error', error));
  socket.on('message', (bytes, from) => {
    const parsed = parseSip(bytes);
    if (!parsed.ok) return problem(`malformed SIP from ${from.address}`, parsed.reason);
    if (parsed.message.kind !== 'request') return; // responses belong to no transaction here
    answer(parsed.message).then(
      (response) => {
        if (response && !closed) socket.send(serializeSip(response), from.port, from.address);
      },
      (error: unknown) => problem('answering a request failed', error),
    );
  });

  async function answer(request: SipRequest): Promise<SipResponse | undefined> {
    switch (request.method) {
      case 'INVITE':
        return invite(request);
      case 'ACK':
        return undefined; // the ACK of our 302
      case 'OPTIONS':
        return buildResponse(request, 200, 'OK', { headers: [['Allow', 'INVITE, ACK, OPTIONS']] });
      case 'BYE':
      case 'CANCEL':
        return buildResponse(request, 481, 'Call/Transaction Does Not Exist');
      default:
        return buildResponse(request, 405, 'Method Not Allowed', {
          headers: [['Allow', ALLOWED_METHODS]],
        });
    }
  }

  async function invite(request: SipRequest): Promise<SipResponse> {
    const asked = userOf(request.uri);
    const agentId = asked !== undefined && agents.has(asked) ? asked : defaultAgentId;
    if (!agents.has(agentId)) return buildResponse(request, 404, 'Not Found');
    const toTag = randomToken(4);
    try {
      const dispatch = await options.dispatchSip({ agentId });
      const contact = `<sip:${agentId}@${dispatch.sipAddress};${SIP_TICKET_PARAM}=${dispatch.token}>`;
      return buildResponse(request, 302, 'Moved Temporarily', {
        toTag,
        headers: [['Contact', contact]],
      });
    } catch (error) {
      if (!(error instanceof NoWorkerError)) throw error;
      problem(`sip call ${header(request, 'Call-ID') ?? ''} refused: no worker`, error);
      return buildResponse(request, 503, 'Service Unavailable', {
        toTag,
        headers: [['Retry-After', '5']],
      });
    }
  }

  return {
    /** Binds the UDP port; resolves to it. */
    async listen(): Promise<number> {
      await new Promise<void>((resolve, reject) => {
        socket.once('error', reject);
        socket.bind(options.port, options.host ?? '127.0.0.1', () => {
          socket.off('error', reject);
          resolve();
        });
      });
      return socket.address().port;
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await new Promise<void>((resolve) => socket.close(() => resolve()));
    },
  };
}
