import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { setTimeout as sleep } from 'node:timers/promises';
import { header, serializeSip, type SipResponse } from '../../src/transport/sip/message.ts';
import { parseSip } from '../../src/transport/sip/parser.ts';

/** Sends one INVITE to the front door's SIP port, ACKs its final answer, and returns it. */
export async function inviteFrontDoor(doorPort: number, agentId: string): Promise<SipResponse> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
  const port = socket.address().port;
  const uri = `sip:${agentId}@127.0.0.1:${doorPort}`;
  const common: [string, string][] = [
    ['Via', `SIP/2.0/UDP 127.0.0.1:${port};branch=z9hG4bK${randomBytes(6).toString('hex')}`],
    ['Max-Forwards', '70'],
    ['From', `<sip:caller@127.0.0.1>;tag=${randomBytes(4).toString('hex')}`],
    ['To', `<${uri}>`],
    ['Call-ID', `${randomBytes(8).toString('hex')}@127.0.0.1`],
  ];
  try {
    const answered = new Promise<SipResponse>((resolve) =>
      socket.on('message', (bytes) => {
        const parsed = parseSip(bytes);
        if (parsed.ok && parsed.message.kind === 'response' && parsed.message.status >= 200)
          resolve(parsed.message);
      }),
    );
    const send = (method: string, to: string) =>
      socket.send(
        serializeSip({
          kind: 'request',
          method,
          uri,
          headers: [
            ...common.map(([name, value]): [string, string] => [name, name === 'To' ? to : value]),
            ['CSeq', `1 ${method}`],
            ['Contact', `<sip:caller@127.0.0.1:${port}>`],
          ],
          body: Buffer.alloc(0),
        }),
        doorPort,
        '127.0.0.1',
      );
    send('INVITE', `<${uri}>`);
    const response = await Promise.race([
      answered,
      sleep(10_000).then(() => {
        throw new Error('the front door did not answer the INVITE');
      }),
    ]);
    send('ACK', header(response, 'To') ?? `<${uri}>`); // a non-2xx is ACKed in its transaction
    return response;
  } finally {
    socket.close();
  }
}
