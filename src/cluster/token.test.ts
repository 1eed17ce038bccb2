import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NonceLedger, signDispatchToken, verifyDispatchToken } from './token.ts';

const secret = 'a'.repeat(32);

describe('dispatch tokens', () => {
  it('are accepted by the worker they name, before they expire', () => {
    const { token } = signDispatchToken(secret, 'w1', 1_000, 30_000);
    assert.equal(verifyDispatchToken(secret, token, 'w1', 30_999).workerId, 'w1');
  });

  it('are refused after they expire, by another worker, or with another secret', () => {
    const { token } = signDispatchToken(secret, 'w1', 1_000, 30_000);
    assert.throws(() => verifyDispatchToken(secret, token, 'w1', 31_000), { problem: 'expired' });
    assert.throws(() => verifyDispatchToken(secret, token, 'w2', 2_000), {
      problem: 'wrong-worker',
    });
    assert.throws(() => verifyDispatchToken('b'.repeat(32), token, 'w1', 2_000), {
      problem: 'bad-signature',
    });
  });

  it('are refused when their claims were changed', () => {
    const { token } = signDispatchToken(secret, 'w1', 1_000);
    const [, signature] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ workerId: 'w1', issuedAtMs: 1_000, expiresAtMs: 9e15, nonce: 'x' }),
    ).toString('base64url');
    assert.throws(() => verifyDispatchToken(secret, `${forged}.${signature}`, 'w1', 2_000), {
      problem: 'bad-signature',
    });
    assert.throws(() => verifyDispatchToken(secret, 'garbage', 'w1', 2_000), {
      problem: 'malformed',
    });
  });

  it('open one call only', () => {
    const ledger = new NonceLedger();
    const { claims } = signDispatchToken(secret, 'w1', 1_000);
    ledger.use(claims, 1_500);
    assert.throws(() => ledger.use(claims, 1_600), { problem: 'reused' });
  });

  it("carry a phone call's agent, call id and verified number to the worker, signed", () => {
    const call = { agentId: 'support', callId: 'CA01', phoneNumber: '+34600000000' };
    const { token } = signDispatchToken(secret, 'w1', 1_000, 30_000, call);
    assert.deepEqual(verifyDispatchToken(secret, token, 'w1', 2_000).call, call);
    assert.ok(token.length < 400, `a Twilio <Parameter> value of ${token.length} chars`);
    const plain = signDispatchToken(secret, 'w1', 1_000).token;
    assert.equal(verifyDispatchToken(secret, plain, 'w1', 2_000).call, undefined);
  });

  it('need a secret of at least 32 bytes', () => {
    assert.throws(() => signDispatchToken('short', 'w1', 0), { name: 'ClusterConfigError' });
  });
});
