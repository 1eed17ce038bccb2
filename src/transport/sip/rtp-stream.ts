import { randomInt } from 'node:crypto';
import type { RemoteInfo, Socket } from 'node:dgram';
import type { Clock } from '../../index.ts';
import { PHONE_FRAME_SAMPLES } from '../telephony/codec.ts';
import { JitterBuffer } from './jitter-buffer.ts';
import { decodeRtp, encodeRtp } from './rtp.ts';
import { TelephoneEventDetector } from './telephone-event.ts';

export interface RtpStreamOptions {
  /** A UDP socket already bound to the port the SDP answer names. */
  readonly socket: Socket;
  readonly clock: Clock;
  readonly remoteAddress: string;
  readonly remotePort: number;
  readonly payloadType: number;
  readonly eventPayloadType?: number;
  readonly onAudio: (payload: Uint8Array) => void;
  readonly onKey: (key: string) => void;
  readonly onError: (error: Error) => void;
}

/**
 * One call's RTP: G.711 packets in (through the jitter buffer) and out (20 ms each, our own
 * SSRC, sequence and timestamp), RFC 4733 key presses in. Packets are taken from the SDP's
 * address; when the first one comes from elsewhere (a phone behind NAT, or one advertising
 * another interface) the stream latches onto that source and answers to it (symmetric RTP,
 * RFC 4961), taking nothing from anyone else.
 */
export class RtpStream {
  readonly #options: RtpStreamOptions;
  readonly #jitter = new JitterBuffer<Uint8Array>(3);
  readonly #keys = new TelephoneEventDetector();
  readonly #ssrc = randomInt(0, 2 ** 32 - 1);
  #remoteAddress: string;
  #remotePort: number;
  #sequence = randomInt(0, 0xffff);
  #timestamp = randomInt(0, 2 ** 31);
  #lastSentMs: number | undefined;
  #sending = true;
  #latched: { readonly address: string; readonly port: number } | undefined;
  #closed = false;
  packetsIn = 0;
  packetsOut = 0;

  constructor(options: RtpStreamOptions) {
    this.#options = options;
    this.#remoteAddress = options.remoteAddress;
    this.#remotePort = options.remotePort;
    options.socket.on('message', (bytes, from) => this.#onPacket(bytes, from));
    options.socket.on('error', (error) => options.onError(error));
  }

  get localPort(): number {
    return this.#options.socket.address().port;
  }

  get jitterStats(): { lost: number; late: number } {
    return { lost: this.#jitter.lost, late: this.#jitter.late };
  }

  /** A re-INVITE moved the far end, or put the call on or off hold. */
  update(remoteAddress: string, remotePort: number, sending: boolean): void {
    if (remoteAddress !== this.#remoteAddress || remotePort !== this.#remotePort)
      this.#latched = undefined; // the far end moved: latch again
    this.#remoteAddress = remoteAddress;
    this.#remotePort = remotePort;
    this.#sending = sending;
  }

  send(payload: Uint8Array): void {
    if (this.#closed || !this.#sending) return;
    const nowMs = this.#options.clock.now();
    const gapMs = this.#lastSentMs === undefined ? 0 : nowMs - this.#lastSentMs;
    const talkspurt = this.#lastSentMs === undefined || gapMs > 60;
    // After a pause the timestamp follows the wall clock, so the far end keeps its timing.
    if (this.#lastSentMs !== undefined)
      this.#timestamp += Math.max(1, talkspurt ? Math.round(gapMs / 20) : 1) * PHONE_FRAME_SAMPLES;
    this.#lastSentMs = nowMs;
    this.#sequence = (this.#sequence + 1) & 0xffff;
    const packet = encodeRtp({
      payloadType: this.#options.payloadType,
      marker: talkspurt,
      sequence: this.#sequence,
      timestamp: this.#timestamp >>> 0,
      ssrc: this.#ssrc,
      payload,
    });
    this.packetsOut++;
    const target = this.#latched ?? { address: this.#remoteAddress, port: this.#remotePort };
    this.#options.socket.send(packet, target.port, target.address);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#options.socket.close();
  }

  #onPacket(bytes: Buffer, from: RemoteInfo): void {
    if (this.#closed) return;
    if (this.#latched) {
      if (from.address !== this.#latched.address || from.port !== this.#latched.port) return;
    } else if (from.address !== this.#remoteAddress) {
      if (this.packetsIn > 0) return;
      this.#latched = { address: from.address, port: from.port };
    }
    const packet = decodeRtp(bytes);
    if (!packet) return;
    this.packetsIn++;
    if (packet.payloadType === this.#options.eventPayloadType) {
      const key = this.#keys.accept(packet.timestamp, packet.payload);
      if (key !== undefined) this.#options.onKey(key);
      return;
    }
    if (packet.payloadType !== this.#options.payloadType) return;
    for (const payload of this.#jitter.push(packet.sequence, packet.payload))
      this.#options.onAudio(payload);
  }
}
