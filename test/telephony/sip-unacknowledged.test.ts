import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { VirtualClock } from '../../src/testing/index.ts';
import type { SipMessage, SipResponse } from '../../src/transport/sip/message.ts';
import type { SipPeer } from '../../src/transport/sip/peer.ts';
import { UnacknowledgedAnswers } from '../../src/transport/sip/unacknowledged.ts';

function answer(status: number, callId = 'call-1'): SipResponse {
  return {
    kind: 'response',
    status,
    reason: 'Request Terminated',
    headers: [
      ['Call-ID', callId],
      ['CSeq', '7 INVITE'],
    ],
    body: Buffer.alloc(0),
  };
}

function peer(protocol: 'udp' | 'tcp', sent: SipMessage[]): SipPeer {
  return { protocol, address: '127.0.0.1', port: 5062, send: (message) => sent.push(message) };
}

const ack = {
  headers: [
    ['Call-ID', 'call-1'],
    ['CSeq', '7 ACK'],
  ] as const,
};

describe('failure answers to INVITE awaiting their ACK', () => {
  it('are resent over UDP on Timer G until the ACK arrives', async () => {
    const clock = new VirtualClock();
    const sent: SipMessage[] = [];
    const answers = new UnacknowledgedAnswers(clock);
    answers.track(answer(487), peer('udp', sent));
    await clock.advance(500);
    await clock.advance(1000);
    assert.equal(sent.length, 2, 'at T1 and 2·T1 after it');
    answers.acknowledged(ack);
    await clock.advance(60_000);
    assert.equal(sent.length, 2);
    assert.equal(clock.pendingTimers, 0);
  });

  it('stop after 64·T1 without an ACK', async () => {
    const clock = new VirtualClock();
    const sent: SipMessage[] = [];
    const answers = new UnacknowledgedAnswers(clock);
    answers.track(answer(486), peer('udp', sent));
    await clock.advance(40_000);
    // At 0.5, 1.5, 3.5, 7.5, 11.5 … 31.5 s: T1 doubling to T2, then every T2, within 32 s.
    assert.equal(sent.length, 10);
    assert.equal(answers.size, 0);
    assert.equal(clock.pendingTimers, 0);
  });

  it('are not resent over TCP, nor for a success', async () => {
    const clock = new VirtualClock();
    const sent: SipMessage[] = [];
    const answers = new UnacknowledgedAnswers(clock);
    answers.track(answer(487), peer('tcp', sent));
    answers.track(answer(200, 'call-2'), peer('udp', sent));
    await clock.advance(5_000);
    assert.equal(sent.length, 0);
  });
});
