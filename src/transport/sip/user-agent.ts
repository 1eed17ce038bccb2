import type { CallerIdentity } from '../../index.ts';
import { telephonyCaller, type TelephonyContext } from '../telephony/context.ts';
import { ALLOWED_METHODS, buildResponse, uriOf, userOf } from './build.ts';
import { SipCall } from './call-leg.ts';
import { header, type SipMessage, type SipRequest, type SipResponse } from './message.ts';
import type { SipPeer } from './peer.ts';
import { readOffer, SdpError, type MediaOffer } from './sdp.ts';
import { UnacknowledgedAnswers } from './unacknowledged.ts';

export interface UserAgentOptions {
  readonly context: TelephonyContext;
  readonly localAddress: string;
  readonly localSipPort: () => number;
  /** Hosts (a trunk's addresses) whose caller numbers are trusted as verified. */
  readonly trustedCallerHosts: readonly string[];
  readonly maxCalls: number;
  /** Refuses an INVITE before it is answered (a cluster worker checks its dispatch ticket). */
  readonly screenInvite?: (request: SipRequest) => SipRefusal | undefined;
}

/** Why an INVITE is refused: the final response sent instead of answering. */
export interface SipRefusal {
  readonly status: number;
  readonly reason: string;
}

/** The SIP UAS: routes each message to its call, answers what belongs to no call. */
export class SipUserAgent {
  readonly #options: UserAgentOptions;
  readonly calls = new Map<string, SipCall>();
  /** Failure answers to INVITEs awaiting their ACK (resent over UDP). */
  readonly unacknowledged: UnacknowledgedAnswers;

  constructor(options: UserAgentOptions) {
    this.#options = options;
    this.unacknowledged = new UnacknowledgedAnswers(options.context.clock);
  }

  receive(message: SipMessage, peer: SipPeer): void {
    const callId = header(message, 'Call-ID') ?? '';
    const call = this.calls.get(callId);
    if (message.kind === 'response') {
      call?.onResponse(message);
      return;
    }
    if (message.method === 'ACK') this.unacknowledged.acknowledged(message);
    if (call) {
      call.onRequest(message, peer);
      return;
    }
    this.#outOfDialog(message, peer);
  }

  /** Ends every call with a BYE, and stops resending unacknowledged answers. */
  hangUpAll(): void {
    for (const call of [...this.calls.values()]) call.hangUp();
    this.unacknowledged.clear();
  }

  #outOfDialog(request: SipRequest, peer: SipPeer): void {
    switch (request.method) {
      case 'INVITE':
        this.#invite(request, peer);
        return;
      case 'OPTIONS':
        peer.send(
          buildResponse(request, 200, 'OK', {
            headers: [
              ['Allow', ALLOWED_METHODS],
              ['Accept', 'application/sdp'],
            ],
          }),
        );
        return;
      case 'ACK':
        return; // an ACK for a call already gone, or for a non-2xx we sent: nothing to do
      case 'BYE':
      case 'CANCEL':
      case 'NOTIFY':
        peer.send(buildResponse(request, 481, 'Call/Transaction Does Not Exist'));
        return;
      default:
        peer.send(
          buildResponse(request, 405, 'Method Not Allowed', {
            headers: [['Allow', ALLOWED_METHODS]],
          }),
        );
    }
  }

  #invite(request: SipRequest, peer: SipPeer): void {
    const { context } = this.#options;
    const refuse = (response: SipResponse) => {
      peer.send(response);
      this.unacknowledged.track(response, peer);
    };
    if (header(request, 'To') !== undefined && /;\s*tag=/i.test(header(request, 'To')!)) {
      refuse(buildResponse(request, 481, 'Call/Transaction Does Not Exist'));
      return;
    }
    if (this.calls.size >= this.#options.maxCalls) {
      refuse(
        buildResponse(request, 503, 'Service Unavailable', { headers: [['Retry-After', '5']] }),
      );
      return;
    }
    const refusal = this.#options.screenInvite?.(request);
    if (refusal) {
      peer.send(buildResponse(request, refusal.status, refusal.reason));
      return;
    }
    peer.send(buildResponse(request, 100, 'Trying'));
    let offer: MediaOffer;
    try {
      if (request.body.length === 0)
        throw new SdpError('an INVITE without an SDP offer is not supported');
      offer = readOffer(request.body.toString('utf8'));
    } catch (error) {
      if (!(error instanceof SdpError)) throw error;
      refuse(
        buildResponse(request, 488, 'Not Acceptable Here', {
          headers: [['Warning', `399 parley "${error.message}"`]],
        }),
      );
      return;
    }
    const agentId = userOf(request.uri) ?? context.defaultAgentId;
    const agent = context.findAgent(agentId) ?? context.findAgent(context.defaultAgentId);
    if (!agent) {
      refuse(buildResponse(request, 404, 'Not Found'));
      return;
    }
    const caller = this.#callerOf(request, peer);
    const call = new SipCall({
      invite: request,
      peer,
      offer,
      agent,
      ...(caller ? { caller } : {}),
      context,
      localAddress: this.#options.localAddress,
      localSipPort: this.#options.localSipPort(),
      onEnded: (ended) => {
        if (this.calls.get(ended.callId) === ended) this.calls.delete(ended.callId);
      },
      unacknowledged: this.unacknowledged,
    });
    this.calls.set(call.callId, call);
    call.answer().catch((error: unknown) => {
      context.onProblem('sip: answering failed', error);
      call.hangUp();
    });
  }

  /** A trusted trunk's P-Asserted-Identity (or From) number is a verified caller (RFC 3325). */
  #callerOf(request: SipRequest, peer: SipPeer): CallerIdentity | undefined {
    if (!this.#options.trustedCallerHosts.includes(peer.address)) return undefined;
    const asserted = header(request, 'P-Asserted-Identity') ?? header(request, 'From') ?? '';
    const user = userOf(uriOf(asserted)) ?? /^tel:(\+?\d+)/.exec(uriOf(asserted))?.[1];
    return user !== undefined && /^\+\d{6,15}$/.test(user) ? telephonyCaller(user) : undefined;
  }
}
