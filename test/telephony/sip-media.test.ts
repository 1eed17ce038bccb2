import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { VirtualClock } from '../../src/testing/index.ts';
import { Pacer } from '../../src/transport/telephony/pacer.ts';
import { JitterBuffer } from '../../src/transport/sip/jitter-buffer.ts';
import { decodeRtp, encodeRtp } from '../../src/transport/sip/rtp.ts';
import { readOffer, writeAnswer } from '../../src/transport/sip/sdp.ts';
import { TelephoneEventDetector } from '../../src/transport/sip/telephone-event.ts';

const OFFER = [
  'v=0',
  'o=- 1 1 IN IP4 192.0.2.10',
  's=-',
  'c=IN IP4 192.0.2.10',
  't=0 0',
  'm=audio 40000 RTP/AVP 18 8 0 96',
  'a=rtpmap:18 G729/8000',
  'a=rtpmap:96 telephone-event/8000',
  'a=fmtp:96 0-15',
  '',
].join('\r\n');

describe('SDP offer and answer', () => {
  it('picks the first G.711 codec in the offer order, even without an rtpmap', () => {
    const offer = readOffer(OFFER);
    assert.deepEqual(offer, {
      address: '192.0.2.10',
      port: 40000,
      codec: 'pcma',
      payloadType: 8,
      eventPayloadType: 96,
      direction: 'sendrecv',
    });
  });

  it('reads hold from a=sendonly or a 0.0.0.0 address, and mirrors it in the answer', () => {
    assert.equal(readOffer(OFFER.replace('t=0 0', 't=0 0\r\na=sendonly')).direction, 'sendonly');
    assert.equal(readOffer(OFFER.replaceAll('192.0.2.10', '0.0.0.0')).direction, 'inactive');
    const answer = writeAnswer({
      address: '127.0.0.1',
      port: 5004,
      offer: readOffer(OFFER.replace('t=0 0', 't=0 0\r\na=sendonly')),
      sessionId: 7,
      sessionVersion: 2,
    });
    assert.match(answer, /m=audio 5004 RTP\/AVP 8 96\r\n/);
    assert.match(answer, /a=rtpmap:8 PCMA\/8000/);
    assert.match(answer, /a=rtpmap:96 telephone-event\/8000/);
    assert.match(answer, /a=recvonly/);
    assert.match(answer, /a=ptime:20/);
  });

  it('refuses an offer with no G.711 codec or no audio', () => {
    assert.throws(
      () => readOffer(OFFER.replace('RTP/AVP 18 8 0 96', 'RTP/AVP 18')),
      /neither PCMU nor PCMA/,
    );
    assert.throws(() => readOffer(OFFER.replace('m=audio', 'm=video')), /no audio/);
  });
});

describe('RTP', () => {
  it('round-trips a packet and skips CSRCs, extensions and padding', () => {
    const packet = {
      payloadType: 0,
      marker: true,
      sequence: 65535,
      timestamp: 2 ** 32 - 160,
      ssrc: 42,
      payload: Uint8Array.of(1, 2, 3),
    };
    assert.deepEqual(decodeRtp(encodeRtp(packet)), packet);
    const padded = Buffer.concat([encodeRtp(packet), Buffer.from([0, 0, 3])]);
    padded[0] = 0xa0 | 0x01; // padding, one CSRC
    const withCsrc = Buffer.concat([padded.subarray(0, 12), Buffer.alloc(4), padded.subarray(12)]);
    assert.deepEqual(decodeRtp(withCsrc)?.payload, Uint8Array.of(1, 2, 3));
    assert.equal(decodeRtp(Uint8Array.of(0x40, 0, 0)), undefined);
  });

  it('reports each RFC 4733 key once, on its first End packet', () => {
    const detector = new TelephoneEventDetector();
    const event = (key: number, end: boolean) => Uint8Array.of(key, end ? 0x8a : 0x0a, 0x01, 0x40);
    assert.equal(detector.accept(1000, event(5, false)), undefined);
    assert.equal(detector.accept(1000, event(5, true)), '5');
    assert.equal(detector.accept(1000, event(5, true)), undefined);
    assert.equal(detector.accept(2000, event(11, true)), '#');
  });
});

describe('jitter buffer', () => {
  it('reorders, drops duplicates and late packets, and skips a lost one after its depth', () => {
    const buffer = new JitterBuffer<number>(2);
    assert.deepEqual(buffer.push(10, 10), [10]);
    assert.deepEqual(buffer.push(12, 12), []);
    assert.deepEqual(buffer.push(11, 11), [11, 12]);
    assert.deepEqual(buffer.push(11, 11), []);
    assert.equal(buffer.late, 1);
    assert.deepEqual(buffer.push(14, 14), []);
    assert.deepEqual(buffer.push(15, 15), []);
    assert.deepEqual(buffer.push(16, 16), [14, 15, 16]);
    assert.equal(buffer.lost, 1);
  });

  it('follows sequence numbers across the 16-bit wrap', () => {
    const buffer = new JitterBuffer<number>(2);
    assert.deepEqual(buffer.push(65535, 1), [1]);
    assert.deepEqual(buffer.push(1, 3), []);
    assert.deepEqual(buffer.push(0, 2), [2, 3]);
  });
});

describe('pacer', () => {
  it('sends one packet every 20 ms, reports marks as the line reaches them, and drops the queue on clear', async () => {
    const clock = new VirtualClock();
    const sent: number[] = [];
    const marks: string[] = [];
    const pacer = new Pacer(
      clock,
      20,
      (payload) => sent.push(payload[0]!),
      (name) => marks.push(name),
    );
    for (let i = 0; i < 3; i++) pacer.push(Uint8Array.of(i));
    pacer.mark('m1');
    pacer.push(Uint8Array.of(3));
    assert.deepEqual(sent, [0]);
    await clock.advance(20);
    assert.deepEqual(sent, [0, 1]);
    assert.deepEqual(marks, []);
    await clock.advance(20);
    assert.deepEqual(sent, [0, 1, 2]);
    assert.deepEqual(marks, ['m1'], 'a mark is reported once the packet before it is out');
    await clock.advance(20);
    assert.deepEqual(sent, [0, 1, 2, 3]);
    for (let i = 4; i < 8; i++) pacer.push(Uint8Array.of(i));
    pacer.mark('m2');
    await clock.advance(20);
    pacer.clear();
    await clock.advance(100);
    assert.deepEqual(sent, [0, 1, 2, 3, 4]);
    assert.deepEqual(marks, ['m1'], 'a cleared mark was never played');
    pacer.close();
  });
});
