import { parse, write, type SessionDescription } from 'sdp-transform';
import type { TelephonyCodec } from '../telephony/codec.ts';

/** What Parley needs from an SDP offer (RFC 3264): where to send audio, how, and whether to. */
export interface MediaOffer {
  readonly address: string;
  readonly port: number;
  readonly codec: TelephonyCodec;
  readonly payloadType: number;
  /** The offer's RFC 4733 telephone-event payload type, if it offers one at 8 kHz. */
  readonly eventPayloadType?: number;
  /** The offerer's direction; `sendonly` / `inactive` (or a 0.0.0.0 address) put us on hold. */
  readonly direction: 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';
}

export class SdpError extends Error {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = 'SdpError';
  }
}

const STATIC: Readonly<Record<number, TelephonyCodec>> = { 0: 'pcmu', 8: 'pcma' };
const NAMES: Readonly<Record<string, TelephonyCodec>> = { PCMU: 'pcmu', PCMA: 'pcma' };

/** Picks the first G.711 codec the offer lists (its preference order) and telephone-event. */
export function readOffer(sdp: string): MediaOffer {
  let session: SessionDescription;
  try {
    session = parse(sdp);
  } catch (error) {
    throw new SdpError('unreadable SDP', { cause: error });
  }
  if (session.version !== 0) throw new SdpError('SDP must start with v=0');
  const audio = session.media.find((media) => media.type === 'audio' && media.port > 0);
  if (!audio) throw new SdpError('no audio stream in the offer');
  if (audio.protocol !== 'RTP/AVP') throw new SdpError(`unsupported profile ${audio.protocol}`);
  const address = audio.connection?.ip ?? session.connection?.ip;
  if (!address) throw new SdpError('no connection address');
  const payloads = String(audio.payloads ?? '')
    .split(' ')
    .filter((item) => /^\d{1,3}$/.test(item))
    .map(Number);
  const codecOf = (payload: number): TelephonyCodec | undefined => {
    const mapped = audio.rtp.find((rtp) => rtp.payload === payload);
    if (mapped) return mapped.rate === 8000 ? NAMES[mapped.codec.toUpperCase()] : undefined;
    return STATIC[payload];
  };
  const payloadType = payloads.find((payload) => codecOf(payload) !== undefined);
  if (payloadType === undefined) throw new SdpError('the offer has neither PCMU nor PCMA');
  const event = audio.rtp.find(
    (rtp) => rtp.codec.toLowerCase() === 'telephone-event' && rtp.rate === 8000,
  );
  const offered = audio.direction ?? session.direction ?? 'sendrecv';
  const direction = address === '0.0.0.0' ? 'inactive' : offered;
  return {
    address,
    port: audio.port,
    codec: codecOf(payloadType)!,
    payloadType,
    ...(event && payloads.includes(event.payload) ? { eventPayloadType: event.payload } : {}),
    direction,
  };
}

export interface AnswerOptions {
  readonly address: string;
  readonly port: number;
  readonly offer: MediaOffer;
  readonly sessionId: number;
  readonly sessionVersion: number;
}

/** The answer: the chosen codec, telephone-event when offered, and the mirrored direction. */
export function writeAnswer(options: AnswerOptions): string {
  const { offer } = options;
  const rtp = [
    { payload: offer.payloadType, codec: offer.codec === 'pcmu' ? 'PCMU' : 'PCMA', rate: 8000 },
  ];
  const fmtp: { payload: number; config: string }[] = [];
  if (offer.eventPayloadType !== undefined) {
    rtp.push({ payload: offer.eventPayloadType, codec: 'telephone-event', rate: 8000 });
    fmtp.push({ payload: offer.eventPayloadType, config: '0-16' });
  }
  const mirrored = {
    sendrecv: 'sendrecv',
    sendonly: 'recvonly',
    recvonly: 'sendonly',
    inactive: 'inactive',
  } as const;
  return write({
    version: 0,
    origin: {
      username: 'parley',
      sessionId: options.sessionId,
      sessionVersion: options.sessionVersion,
      netType: 'IN',
      ipVer: 4,
      address: options.address,
    },
    name: 'parley',
    connection: { version: 4, ip: options.address },
    timing: { start: 0, stop: 0 },
    media: [
      {
        type: 'audio',
        port: options.port,
        protocol: 'RTP/AVP',
        payloads: rtp.map((item) => item.payload).join(' '),
        rtp,
        fmtp,
        ptime: 20,
        direction: mirrored[offer.direction],
      },
    ],
  });
}
