import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { createServer, type Server, type Socket as TcpSocket } from 'node:net';
import type { TelephonyContext } from '../telephony/context.ts';
import { buildResponse } from './build.ts';
import { header, serializeSip, type SipHeader, type SipMessage } from './message.ts';
import { parseSip } from './parser.ts';
import type { SipPeer } from './peer.ts';
import { SipRegistration, type RegistrationOptions } from './registration.ts';
import { SipStreamFramer } from './stream-framer.ts';
import { SipUserAgent, type UserAgentOptions } from './user-agent.ts';

export interface SipServerOptions {
  readonly context: TelephonyContext;
  /** Address to bind. Default 127.0.0.1. */
  readonly host?: string;
  /** UDP and TCP port; 0 picks a free one. */
  readonly port: number;
  /** Address put in SDP and Contact. Default: `host`. */
  readonly advertisedAddress?: string;
  readonly trustedCallerHosts?: readonly string[];
  /** Concurrent calls before new INVITEs get 503. Default 200. */
  readonly maxCalls?: number;
  /** Register our address with a provider's registrar once listening (UDP). */
  readonly registration?: RegistrationOptions;
  /** See UserAgentOptions.screenInvite. */
  readonly screenInvite?: UserAgentOptions['screenInvite'];
}

export interface SipServerStats {
  readonly malformed: number;
  readonly activeCalls: number;
}

/** A SIP user agent server on UDP and TCP: calls become sessions through the telephony runner. */
export class SipServer {
  readonly #options: SipServerOptions;
  readonly #udp: Socket = createSocket('udp4');
  readonly #tcp: Server;
  readonly #connections = new Set<TcpSocket>();
  readonly userAgent: SipUserAgent;
  /** The REGISTER client, when `registration` was given. */
  readonly registration: SipRegistration | undefined;
  #port = 0;
  malformed = 0;

  constructor(options: SipServerOptions) {
    this.#options = options;
    const host = options.host ?? '127.0.0.1';
    this.userAgent = new SipUserAgent({
      context: options.context,
      localAddress: options.advertisedAddress ?? host,
      localSipPort: () => this.#port,
      trustedCallerHosts: options.trustedCallerHosts ?? [],
      maxCalls: options.maxCalls ?? 200,
      ...(options.screenInvite && { screenInvite: options.screenInvite }),
    });
    this.registration = options.registration
      ? new SipRegistration(options.registration, {
          clock: options.context.clock,
          send: (request, address, port) => this.#udp.send(serializeSip(request), port, address),
          localAddress: options.advertisedAddress ?? host,
          localPort: () => this.#port,
          onProblem: options.context.onProblem,
        })
      : undefined;
    this.#udp.on('message', (bytes, from) => this.#onDatagram(bytes, from));
    this.#udp.on('error', (error) => options.context.onProblem('sip: udp socket error', error));
    this.#tcp = createServer((socket) => this.#onConnection(socket));
    this.#tcp.on('error', (error) => options.context.onProblem('sip: tcp server error', error));
  }

  get port(): number {
    return this.#port;
  }

  get stats(): SipServerStats {
    return { malformed: this.malformed, activeCalls: this.userAgent.calls.size };
  }

  /** Binds UDP, then TCP on the same port; resolves to the port. */
  async listen(): Promise<number> {
    const host = this.#options.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      this.#udp.once('error', reject);
      this.#udp.bind(this.#options.port, host, () => {
        this.#udp.off('error', reject);
        resolve();
      });
    });
    this.#port = this.#udp.address().port;
    await new Promise<void>((resolve, reject) => {
      this.#tcp.once('error', reject);
      this.#tcp.listen(this.#port, host, () => {
        this.#tcp.off('error', reject);
        resolve();
      });
    });
    this.registration?.start();
    return this.#port;
  }

  #closed: Promise<void> | undefined;

  /** Hangs up every call (BYE), then closes both transports. Safe to call more than once. */
  close(): Promise<void> {
    this.#closed ??= this.#close();
    return this.#closed;
  }

  async #close(): Promise<void> {
    // Remove our binding first, so the provider sends no new calls while we hang up.
    await this.registration?.close();
    this.userAgent.hangUpAll();
    // Let the BYEs leave before the socket closes (a queued datagram dies with its socket).
    await new Promise((resolve) => setImmediate(resolve));
    for (const socket of this.#connections) socket.destroy();
    await Promise.all([
      new Promise<void>((resolve) => this.#udp.close(() => resolve())),
      new Promise<void>((resolve) => this.#tcp.close(() => resolve())),
    ]);
  }

  #onDatagram(bytes: Buffer, from: RemoteInfo): void {
    if (bytes.length <= 4 && bytes.toString('latin1').trim() === '') return; // keep-alive
    const peer: SipPeer = {
      protocol: 'udp',
      address: from.address,
      port: from.port,
      send: (message) => this.#udp.send(serializeSip(message), from.port, from.address),
    };
    this.#handle(bytes, peer);
  }

  #onConnection(socket: TcpSocket): void {
    this.#connections.add(socket);
    const framer = new SipStreamFramer();
    const peer: SipPeer = {
      protocol: 'tcp',
      address: socket.remoteAddress ?? '',
      port: socket.remotePort ?? 0,
      send: (message) => {
        if (!socket.destroyed) socket.write(serializeSip(message));
      },
    };
    socket.on('data', (chunk: Buffer) => {
      for (const item of framer.push(chunk)) {
        if (item.kind === 'ping') socket.write('\r\n');
        else if (item.kind === 'message') this.#handle(item.bytes, peer);
        else {
          this.malformed++;
          this.#options.context.onProblem(`sip: tcp stream closed: ${item.reason}`, undefined);
          socket.end('SIP/2.0 400 Bad Request\r\nContent-Length: 0\r\n\r\n');
        }
      }
    });
    socket.on('error', (error) =>
      this.#options.context.onProblem('sip: tcp connection error', error),
    );
    socket.on('close', () => this.#connections.delete(socket));
  }

  #handle(bytes: Buffer, peer: SipPeer): void {
    const parsed = parseSip(bytes);
    if (parsed.ok) {
      this.#dispatch(parsed.message, peer);
      return;
    }
    this.malformed++;
    // A 400 needs the essentials to be addressed (§8.2.6); without them the message is dropped.
    if (
      canAddress(parsed.headers) &&
      !bytes.subarray(0, 8).toString('latin1').startsWith('SIP/2.0')
    )
      peer.send(
        buildResponse({ headers: parsed.headers }, 400, 'Bad Request', {
          headers: [['Warning', `399 parley "${parsed.reason.replaceAll('"', "'")}"`]],
        }),
      );
  }

  #dispatch(message: SipMessage, peer: SipPeer): void {
    if (message.kind === 'response' && this.registration?.owns(message)) {
      this.registration.onResponse(message);
      return;
    }
    try {
      this.userAgent.receive(message, peer);
    } catch (error) {
      this.#options.context.onProblem(
        `sip: handling ${header(message, 'CSeq') ?? 'a message'} failed`,
        error,
      );
      if (message.kind === 'request' && message.method !== 'ACK')
        peer.send(buildResponse(message, 500, 'Server Internal Error'));
    }
  }
}

function canAddress(headers: readonly SipHeader[]): boolean {
  const has = (name: string) => headers.some(([key]) => key === name);
  return has('Via') && has('From') && has('To') && has('Call-ID') && has('CSeq');
}
