import { createSocket, type Socket } from 'node:dgram';
import type { AgentDefinition, CallerIdentity } from '../../index.ts';
import { TelephonyCall } from '../telephony/call.ts';
import { PHONE_FRAME_MS, PHONE_SAMPLE_RATE } from '../telephony/codec.ts';
import type { TelephonyContext } from '../telephony/context.ts';
import { Pacer } from '../telephony/pacer.ts';
import { buildResponse, randomToken, ALLOWED_METHODS } from './build.ts';
import { dialogFromInvite, dialogRequest, type Dialog } from './dialog.ts';
import { header, type SipRequest, type SipResponse } from './message.ts';
import type { SipPeer } from './peer.ts';
import { RtpStream } from './rtp-stream.ts';
import { readOffer, SdpError, writeAnswer, type MediaOffer } from './sdp.ts';
import type { UnacknowledgedAnswers } from './unacknowledged.ts';

export interface SipCallOptions {
  readonly invite: SipRequest;
  readonly peer: SipPeer;
  readonly offer: MediaOffer;
  readonly agent: AgentDefinition;
  readonly caller?: CallerIdentity;
  readonly context: TelephonyContext;
  /** The address we put in SDP and Contact, and the SIP port. */
  readonly localAddress: string;
  readonly localSipPort: number;
  readonly onEnded: (call: SipCall) => void;
  /** Failure answers to the INVITE (487 …) resent over UDP until the caller's ACK. */
  readonly unacknowledged?: UnacknowledgedAnswers;
}

type State = 'answering' | 'answered' | 'confirmed' | 'ended';

const T1_MS = 500;
const T2_MS = 4_000;

/** One SIP call from INVITE to BYE: its dialog, its RTP, its telephony runner and session. */
export class SipCall {
  readonly callId: string;
  readonly #options: SipCallOptions;
  readonly #localTag = randomToken();
  readonly #inviteSequence: string;
  #state: State = 'answering';
  #dialog: Dialog | undefined;
  #rtp: RtpStream | undefined;
  #pacer: Pacer | undefined;
  #call: TelephonyCall | undefined;
  #lastInviteResponse: SipResponse | undefined;
  #cancelRetransmit: (() => void) | undefined;
  #sdpVersion = 1;
  #transferTo: string | undefined;

  constructor(options: SipCallOptions) {
    this.#options = options;
    this.callId = header(options.invite, 'Call-ID') ?? '';
    this.#inviteSequence = header(options.invite, 'CSeq') ?? '';
  }

  get state(): State {
    return this.#state;
  }

  get telephonyCall(): TelephonyCall | undefined {
    return this.#call;
  }

  get rtp(): RtpStream | undefined {
    return this.#rtp;
  }

  /** Opens RTP and the session, then answers 200 OK with our SDP. */
  async answer(): Promise<void> {
    const { context, offer } = this.#options;
    const socket = await bindRtpSocket(this.#options.localAddress);
    if (this.#state !== 'answering') {
      socket.close();
      return;
    }
    let session;
    try {
      session = await context.openSession(this.#options.agent, {
        ...(this.#options.caller ? { caller: this.#options.caller } : {}),
        outputSampleRate: PHONE_SAMPLE_RATE,
      });
    } catch (error) {
      socket.close();
      context.onProblem('sip: the session could not start', error);
      this.#respondToInvite(500, 'Server Internal Error');
      this.#finish();
      return;
    }
    if (this.#state !== 'answering') {
      socket.close();
      await session.close();
      return;
    }
    const rtp = new RtpStream({
      socket,
      clock: context.clock,
      remoteAddress: offer.address,
      remotePort: offer.port,
      payloadType: offer.payloadType,
      ...(offer.eventPayloadType === undefined ? {} : { eventPayloadType: offer.eventPayloadType }),
      onAudio: (payload) => this.#call?.pushCallerAudio(payload),
      onKey: (key) => this.#call?.pressKey(key),
      onError: (error) => context.onProblem('sip: rtp socket error', error),
    });
    const pacer = new Pacer(
      context.clock,
      PHONE_FRAME_MS,
      (payload) => rtp.send(payload),
      (name) => this.#call?.markPlayed(name),
    );
    this.#rtp = rtp;
    this.#pacer = pacer;
    this.#call = new TelephonyCall({
      session,
      codec: offer.codec,
      clock: context.clock,
      dtmfRule: context.dtmfRuleFor(this.#options.agent),
      sink: {
        sendAudio: (payload) => pacer.push(payload),
        sendMark: (name) => pacer.mark(name),
        clear: () => pacer.clear(),
      },
    });
    rtp.update(offer.address, offer.port, sends(offer.direction));
    const transport = this.#options.peer.protocol === 'tcp' ? 'TCP' : 'UDP';
    const contact = `sip:parley@${this.#options.localAddress}:${this.#options.localSipPort};transport=${transport.toLowerCase()}`;
    this.#dialog = dialogFromInvite(
      this.#options.invite,
      this.#localTag,
      contact,
      `${this.#options.localAddress}:${this.#options.localSipPort}`,
      transport,
    );
    this.#state = 'answered';
    this.#respondToInvite(200, 'OK', this.#answerSdp(offer), contact);
    if (this.#options.peer.protocol === 'udp') this.#retransmit(T1_MS, 0);
  }

  /** A request within this call's dialog (or a retransmitted INVITE). */
  onRequest(request: SipRequest, peer: SipPeer): void {
    switch (request.method) {
      case 'INVITE':
        if (header(request, 'CSeq') === this.#inviteSequence) {
          if (this.#lastInviteResponse) peer.send(this.#lastInviteResponse);
          return;
        }
        this.#reinvite(request, peer);
        return;
      case 'ACK':
        if (this.#state === 'answered') this.#state = 'confirmed';
        this.#cancelRetransmit?.();
        this.#cancelRetransmit = undefined;
        return;
      case 'BYE':
        peer.send(buildResponse(request, 200, 'OK', { toTag: this.#localTag }));
        this.#finish();
        return;
      case 'CANCEL':
        peer.send(buildResponse(request, 200, 'OK', { toTag: this.#localTag }));
        if (this.#state === 'answering') {
          this.#respondToInvite(487, 'Request Terminated');
          this.#finish();
        }
        return;
      case 'NOTIFY':
        peer.send(buildResponse(request, 200, 'OK', { toTag: this.#localTag }));
        // The transfer's progress (RFC 3515 §2.4.5): once the human answers, we leave.
        if (
          this.#transferTo !== undefined &&
          /^SIP\/2\.0 2\d\d/.test(request.body.toString('utf8'))
        )
          this.hangUp();
        return;
      case 'OPTIONS':
        peer.send(
          buildResponse(request, 200, 'OK', {
            toTag: this.#localTag,
            headers: [['Allow', ALLOWED_METHODS]],
          }),
        );
        return;
      default:
        peer.send(
          buildResponse(request, 501, 'Not Implemented', {
            toTag: this.#localTag,
            headers: [['Allow', ALLOWED_METHODS]],
          }),
        );
    }
  }

  /** A response to a request we sent (BYE, REFER). */
  onResponse(response: SipResponse): void {
    const method = header(response, 'CSeq')?.split(/\s+/)[1];
    if (method === 'REFER' && response.status >= 300) {
      this.#options.context.onProblem(`sip: transfer refused with ${response.status}`, undefined);
      this.#transferTo = undefined;
    }
  }

  /** Hands the caller to a human (RFC 3515 REFER); we hang up once they are connected. */
  transfer(target: string): void {
    if (this.#state !== 'confirmed' || !this.#dialog)
      throw new Error('only an answered call can be transferred');
    this.#transferTo = target;
    this.#options.peer.send(
      dialogRequest(this.#dialog, 'REFER', [
        ['Refer-To', `<${target}>`],
        ['Referred-By', `<${this.#dialog.localContact}>`],
      ]),
    );
  }

  /** Ends the call from our side: BYE, then release everything. */
  hangUp(): void {
    if (this.#state === 'ended') return;
    if (this.#dialog && (this.#state === 'confirmed' || this.#state === 'answered'))
      this.#options.peer.send(dialogRequest(this.#dialog, 'BYE'));
    else if (this.#state === 'answering') this.#respondToInvite(480, 'Temporarily Unavailable');
    this.#finish();
  }

  #reinvite(request: SipRequest, peer: SipPeer): void {
    let offer: MediaOffer;
    try {
      offer = readOffer(request.body.toString('utf8'));
    } catch (error) {
      if (!(error instanceof SdpError)) throw error;
      peer.send(
        buildResponse(request, 488, 'Not Acceptable Here', {
          toTag: this.#localTag,
          headers: [['Warning', `399 parley "${error.message}"`]],
        }),
      );
      return;
    }
    this.#rtp?.update(offer.address, offer.port, sends(offer.direction));
    if (!sends(offer.direction)) this.#pacer?.clear();
    peer.send(
      buildResponse(request, 200, 'OK', {
        toTag: this.#localTag,
        headers: [['Contact', `<${this.#dialog?.localContact ?? ''}>`]],
        body: { type: 'application/sdp', content: this.#answerSdp(offer) },
      }),
    );
  }

  #answerSdp(offer: MediaOffer): string {
    return writeAnswer({
      address: this.#options.localAddress,
      port: this.#rtp?.localPort ?? 0,
      offer,
      sessionId: this.#sdpSessionId,
      sessionVersion: this.#sdpVersion++,
    });
  }

  readonly #sdpSessionId = Math.floor(Math.random() * 1e9);

  #respondToInvite(status: number, reason: string, sdp?: string, contact?: string): void {
    const response = buildResponse(this.#options.invite, status, reason, {
      toTag: this.#localTag,
      headers: [
        ...(contact ? ([['Contact', `<${contact}>`]] as const) : []),
        ['Allow', ALLOWED_METHODS],
      ],
      ...(sdp ? { body: { type: 'application/sdp', content: sdp } } : {}),
    });
    this.#lastInviteResponse = response;
    this.#options.peer.send(response);
    if (status >= 300) this.#options.unacknowledged?.track(response, this.#options.peer);
  }

  /** Over UDP, 200 OK is resent (T1 doubling to T2) until the ACK comes, for 64·T1 (§13.3.1.4). */
  #retransmit(delayMs: number, elapsedMs: number): void {
    if (elapsedMs + delayMs > 64 * T1_MS) {
      this.#cancelRetransmit = this.#options.context.clock.setTimer(delayMs, () => {
        this.#options.context.onProblem(`sip: no ACK for call ${this.callId}`, undefined);
        this.hangUp();
      });
      return;
    }
    this.#cancelRetransmit = this.#options.context.clock.setTimer(delayMs, () => {
      if (this.#state !== 'answered' || !this.#lastInviteResponse) return;
      this.#options.peer.send(this.#lastInviteResponse);
      this.#retransmit(Math.min(delayMs * 2, T2_MS), elapsedMs + delayMs);
    });
  }

  #finish(): void {
    if (this.#state === 'ended') return;
    this.#state = 'ended';
    this.#cancelRetransmit?.();
    this.#cancelRetransmit = undefined;
    this.#pacer?.close();
    this.#rtp?.close();
    const call = this.#call;
    this.#call = undefined;
    call
      ?.close()
      .catch((error: unknown) =>
        this.#options.context.onProblem('sip: session close failed', error),
      );
    this.#options.onEnded(this);
  }
}

/** Whether we send audio, given the offerer's direction (RFC 3264 §6.1). */
function sends(direction: MediaOffer['direction']): boolean {
  return direction === 'sendrecv' || direction === 'recvonly';
}

function bindRtpSocket(address: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', reject);
    socket.bind(0, address === '0.0.0.0' ? undefined : address, () => {
      socket.off('error', reject);
      resolve(socket);
    });
  });
}
