import { randomBytes } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { PHONE_FRAME_SAMPLES, encodePhoneAudio } from '../../src/transport/telephony/codec.ts';
import { header, serializeSip, type SipResponse } from '../../src/transport/sip/message.ts';
import { parseSip } from '../../src/transport/sip/parser.ts';
import { decodeRtp, encodeRtp } from '../../src/transport/sip/rtp.ts';

/** An agent packet as the caller received it, with its arrival time (performance.now ms). */
export interface ReceivedPacket {
  readonly atMs: number;
  readonly payload: Uint8Array;
}

/**
 * A scripted phone for tests and the bench: a minimal SIP UAC over UDP that places one call,
 * streams 20 ms PCMU packets continuously (silence when it has nothing to say, like a real
 * phone), presses keys as RFC 4733 events, and records when each agent packet arrived.
 */
export class RtpCaller {
  readonly received: ReceivedPacket[] = [];
  readonly responses: SipResponse[] = [];
  readonly #sip: Socket;
  readonly #rtp: Socket;
  readonly #server: { port: number; address: string };
  readonly #callId = `${randomBytes(8).toString('hex')}@127.0.0.1`;
  readonly #fromTag = randomBytes(4).toString('hex');
  readonly #uri: string;
  #toTag = '';
  #sequence = 1;
  #remoteRtp: { address: string; port: number } | undefined;
  #queue: Int16Array[] = [];
  #timer: NodeJS.Timeout | undefined;
  #rtpSequence = 1;
  #rtpTimestamp = 0;
  #waiters: ((response: SipResponse) => boolean)[] = [];

  private constructor(
    sip: Socket,
    rtp: Socket,
    serverPort: number,
    agentId: string,
    uriParameters: string,
  ) {
    this.#sip = sip;
    this.#rtp = rtp;
    this.#server = { port: serverPort, address: '127.0.0.1' };
    this.#uri = `sip:${agentId}@127.0.0.1:${serverPort}${uriParameters}`;
    sip.on('message', (bytes) => this.#onSip(bytes));
    rtp.on('message', (bytes) => {
      const packet = decodeRtp(bytes);
      if (packet && packet.payloadType === 0)
        this.received.push({ atMs: performance.now(), payload: packet.payload });
    });
  }

  /** `uriParameters` (`;name=value…`) end the Request-URI (a cluster worker's dispatch ticket). */
  static async dial(serverPort: number, agentId: string, uriParameters = ''): Promise<RtpCaller> {
    const [sip, rtp] = await Promise.all([bound(), bound()]);
    const caller = new RtpCaller(sip, rtp, serverPort, agentId, uriParameters);
    const ok = await caller.#request('INVITE', caller.#sdp('sendrecv')).catch((error: unknown) => {
      caller.close();
      throw error;
    });
    if (ok.status !== 200) {
      caller.close();
      throw new Error(`INVITE answered ${ok.status}`);
    }
    caller.#toTag = /;\s*tag=([^;>\s]+)/.exec(header(ok, 'To') ?? '')?.[1] ?? '';
    const sdp = ok.body.toString('utf8');
    const port = Number(/m=audio (\d+)/.exec(sdp)?.[1]);
    const address = /c=IN IP4 ([\d.]+)/.exec(sdp)?.[1] ?? '127.0.0.1';
    caller.#remoteRtp = { address, port };
    caller.#send('ACK', 1);
    caller.#startStreaming();
    return caller;
  }

  /** Queues speech (8 kHz); resolves when its last packet has been sent. */
  say(samples: Int16Array): Promise<number> {
    const frames: Int16Array[] = [];
    for (let i = 0; i < samples.length; i += PHONE_FRAME_SAMPLES) {
      const frame = new Int16Array(PHONE_FRAME_SAMPLES);
      frame.set(samples.subarray(i, i + PHONE_FRAME_SAMPLES));
      frames.push(frame);
    }
    this.#queue.push(...frames);
    return new Promise((resolve) => {
      const check = setInterval(() => {
        if (this.#queue.length === 0) {
          clearInterval(check);
          resolve(performance.now());
        }
      }, 5);
    });
  }

  /** Puts the call on hold (a=sendonly) or takes it off (a=sendrecv) with a re-INVITE. */
  async reinvite(direction: 'sendonly' | 'sendrecv'): Promise<SipResponse> {
    const response = await this.#request('INVITE', this.#sdp(direction));
    this.#send('ACK', this.#sequence);
    return response;
  }

  async hangUp(): Promise<SipResponse> {
    this.#stopStreaming();
    try {
      return await this.#request('BYE');
    } finally {
      this.#sip.close();
      this.#rtp.close();
    }
  }

  /** Drops the call without signalling (for clean-up after a failure). */
  close(): void {
    this.#stopStreaming();
    for (const socket of [this.#sip, this.#rtp]) {
      try {
        socket.close();
      } catch (error) {
        if (!(error instanceof Error && /Not running/.test(error.message))) throw error;
      }
    }
  }

  #startStreaming(): void {
    const startMs = performance.now();
    let sent = 0;
    const tick = () => {
      const frame = this.#queue.shift() ?? new Int16Array(PHONE_FRAME_SAMPLES);
      const packet = encodeRtp({
        payloadType: 0,
        marker: sent === 0,
        sequence: this.#rtpSequence++ & 0xffff,
        timestamp: this.#rtpTimestamp,
        ssrc: 0x1234,
        payload: encodePhoneAudio('pcmu', frame),
      });
      this.#rtpTimestamp += PHONE_FRAME_SAMPLES;
      this.#rtp.send(packet, this.#remoteRtp!.port, this.#remoteRtp!.address);
      sent++;
      this.#timer = setTimeout(tick, Math.max(0, startMs + sent * 20 - performance.now()));
    };
    tick();
  }

  #stopStreaming(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#queue = []; // pending say() calls resolve: nothing more will be sent
  }

  #sdp(direction: string): string {
    const port = this.#rtp.address().port;
    return [
      'v=0',
      'o=caller 1 1 IN IP4 127.0.0.1',
      's=-',
      'c=IN IP4 127.0.0.1',
      't=0 0',
      `m=audio ${port} RTP/AVP 0 101`,
      'a=rtpmap:0 PCMU/8000',
      'a=rtpmap:101 telephone-event/8000',
      `a=${direction}`,
      '',
    ].join('\r\n');
  }

  #send(method: string, sequence: number, body = ''): void {
    const headers: [string, string][] = [
      [
        'Via',
        `SIP/2.0/UDP 127.0.0.1:${this.#sip.address().port};branch=z9hG4bK${randomBytes(6).toString('hex')}`,
      ],
      ['Max-Forwards', '70'],
      ['From', `<sip:caller@127.0.0.1>;tag=${this.#fromTag}`],
      ['To', `<${this.#uri}>${this.#toTag ? `;tag=${this.#toTag}` : ''}`],
      ['Call-ID', this.#callId],
      ['CSeq', `${sequence} ${method}`],
      ['Contact', `<sip:caller@127.0.0.1:${this.#sip.address().port}>`],
    ];
    if (body) headers.push(['Content-Type', 'application/sdp']);
    const bytes = serializeSip({
      kind: 'request',
      method,
      uri: this.#uri,
      headers,
      body: Buffer.from(body),
    });
    this.#sip.send(bytes, this.#server.port, this.#server.address);
  }

  /** Sends a request (retransmitting every 500 ms) and resolves with its final response. */
  #request(method: string, body = ''): Promise<SipResponse> {
    const sequence = method === 'ACK' ? this.#sequence : ++this.#sequence;
    return new Promise((resolve, reject) => {
      const retransmit = setInterval(() => this.#send(method, sequence, body), 500);
      const timeout = setTimeout(() => {
        clearInterval(retransmit);
        reject(new Error(`${method} got no final response`));
      }, 10_000);
      this.#waiters.push((response) => {
        if (header(response, 'CSeq') !== `${sequence} ${method}` || response.status < 200)
          return false;
        clearInterval(retransmit);
        clearTimeout(timeout);
        resolve(response);
        return true;
      });
      this.#send(method, sequence, body);
    });
  }

  #onSip(bytes: Buffer): void {
    const parsed = parseSip(bytes);
    if (!parsed.ok) return;
    const message = parsed.message;
    if (message.kind === 'request') {
      // The agent hangs up or transfers: answer 200 like a phone.
      const response = serializeSip({
        kind: 'response',
        status: 200,
        reason: 'OK',
        headers: message.headers.filter(([name]) =>
          ['Via', 'From', 'To', 'Call-ID', 'CSeq'].includes(name),
        ),
        body: Buffer.alloc(0),
      });
      this.#sip.send(response, this.#server.port, this.#server.address);
      this.requests.push(message.method);
      return;
    }
    this.responses.push(message);
    this.#waiters = this.#waiters.filter((waiter) => !waiter(message));
  }

  readonly requests: string[] = [];
}

function bound(): Promise<Socket> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    socket.bind(0, '127.0.0.1', () => resolve(socket));
  });
}
