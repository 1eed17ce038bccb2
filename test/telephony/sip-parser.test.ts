import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { header, serializeSip } from '../../src/transport/sip/message.ts';
import { parseSip } from '../../src/transport/sip/parser.ts';
import { SipStreamFramer } from '../../src/transport/sip/stream-framer.ts';
import { demoAgent, StubSession } from '../../src/server/stub-session.fixture.ts';
import { startSipServer } from './sip-harness.ts';

const OPTIONS = [
  'OPTIONS sip:demo@127.0.0.1 SIP/2.0',
  'Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-1',
  'f: <sip:a@127.0.0.1>;tag=1',
  'To: <sip:demo@127.0.0.1>',
  'i: abc@127.0.0.1',
  'CSeq: 7 OPTIONS',
  'Max-Forwards: 70',
  'Subject: a folded',
  '  header',
  'l: 0',
  '',
  '',
].join('\r\n');

describe('SIP parser', () => {
  it('reads compact names, folded headers and the body Content-Length names', () => {
    const parsed = parseSip(Buffer.from(OPTIONS));
    assert.ok(parsed.ok);
    assert.equal(parsed.message.kind, 'request');
    assert.equal(header(parsed.message, 'From'), '<sip:a@127.0.0.1>;tag=1');
    assert.equal(header(parsed.message, 'Call-ID'), 'abc@127.0.0.1');
    assert.equal(header(parsed.message, 'Subject'), 'a folded header');
    const again = parseSip(serializeSip(parsed.message));
    assert.ok(again.ok);
    assert.deepEqual(again.message, parsed.message);
  });

  it('refuses what RFC 3261 does not allow, with a reason', () => {
    const cases: [string, RegExp][] = [
      [OPTIONS.replace('CSeq: 7 OPTIONS', 'CSeq: 7 INVITE'), /CSeq method/],
      [OPTIONS.replace('Max-Forwards: 70\r\n', ''), /Max-Forwards/],
      [OPTIONS.replace('i: abc@127.0.0.1\r\n', ''), /missing Call-ID/],
      [OPTIONS.replace('l: 0', 'l: 12'), /shorter than Content-Length/],
      [OPTIONS.replace('SIP/2.0\r\n', 'SIP/3.0\r\n'), /bad start line/],
      [OPTIONS.replace('OPTIONS sip', 'options sip'), /upper case/],
      [OPTIONS.replace('l: 0', 'l: -1'), /Content-Length/],
      [OPTIONS.replace('\r\n\r\n', '\r\n'), /blank line/],
    ];
    for (const [text, reason] of cases) {
      const parsed = parseSip(Buffer.from(text));
      assert.equal(parsed.ok, false, text);
      if (!parsed.ok) assert.match(parsed.reason, reason);
    }
  });

  it('never throws on arbitrary bytes or on mutations of a valid message', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        parseSip(Buffer.from(bytes));
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(OPTIONS.length), fc.nat(20), fc.string({ maxLength: 8 })), {
          maxLength: 6,
        }),
        (edits) => {
          let text = OPTIONS;
          for (const [at, remove, insert] of edits)
            text = text.slice(0, at) + insert + text.slice(at + remove);
          const parsed = parseSip(Buffer.from(text));
          if (parsed.ok) assert.ok(parseSip(serializeSip(parsed.message)).ok);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('frames TCP messages by Content-Length across arbitrary chunk boundaries', () => {
    const body = 'v=0\r\n';
    const message = OPTIONS.replace('l: 0', `l: ${body.length}`) + body;
    const stream = Buffer.from('\r\n\r\n' + message + message);
    fc.assert(
      fc.property(fc.array(fc.nat(stream.length), { maxLength: 8 }), (cuts) => {
        const framer = new SipStreamFramer();
        const points = [...new Set([0, ...cuts, stream.length])].sort((a, b) => a - b);
        const items = points
          .slice(1)
          .flatMap((end, i) => framer.push(stream.subarray(points[i], end)));
        assert.deepEqual(
          items.map((item) => item.kind),
          ['ping', 'message', 'message'],
        );
      }),
    );
  });

  it('closes a TCP stream whose message has no Content-Length', () => {
    const framer = new SipStreamFramer();
    const items = framer.push(Buffer.from(OPTIONS.replace('l: 0\r\n', '')));
    assert.deepEqual(
      items.map((item) => item.kind),
      ['fatal'],
    );
  });

  it('keeps the UDP server answering after a burst of fuzzed datagrams', async () => {
    const harness = await startSipServer([demoAgent], (options) => new StubSession(options));
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
    try {
      const garbage = fc.sample(fc.uint8Array({ minLength: 1, maxLength: 1500 }), 300);
      const mutated = fc
        .sample(fc.tuple(fc.nat(OPTIONS.length), fc.string({ maxLength: 30 })), 300)
        .map(([at, insert]) => Buffer.from(OPTIONS.slice(0, at) + insert + OPTIONS.slice(at)));
      const all = [...garbage, ...mutated];
      for (let i = 0; i < all.length; i++) {
        socket.send(all[i]!, harness.server.port, '127.0.0.1');
        if (i % 25 === 24) await new Promise((resolve) => setTimeout(resolve, 5));
      }
      const answer = new Promise<string>((resolve) =>
        socket.on('message', (bytes) => {
          const text = bytes.toString('latin1');
          if (text.includes('CSeq: 99 OPTIONS')) resolve(text);
        }),
      );
      // Like any UDP client, retransmit: the burst may have filled the socket's receive buffer.
      const probe = Buffer.from(OPTIONS.replace('CSeq: 7', 'CSeq: 99'));
      const retransmit = setInterval(
        () => socket.send(probe, harness.server.port, '127.0.0.1'),
        200,
      );
      socket.send(probe, harness.server.port, '127.0.0.1');
      const text = await answer.finally(() => clearInterval(retransmit));
      assert.match(text, /^SIP\/2\.0 200 OK/);
      assert.ok(harness.server.stats.malformed > 250, `${harness.server.stats.malformed} refused`);
    } finally {
      socket.close();
      await harness.close();
    }
  });
});
