import type { SipMessage } from './message.ts';

/** The far end of one SIP exchange and the way back to it (a UDP source, a TCP connection). */
export interface SipPeer {
  readonly protocol: 'udp' | 'tcp';
  readonly address: string;
  readonly port: number;
  send(message: SipMessage): void;
}
