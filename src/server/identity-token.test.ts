import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, ProtocolError } from '../spec/errors.ts';
import { identityVerifier, signIdentity } from './identity-token.ts';

const SECRET = 'test-secret-0123456789abcdef0123456789';
const NOW_MS = 1_800_000_000_000;
const verify = identityVerifier(SECRET, () => NOW_MS);
const inAnHour = NOW_MS / 1000 + 3600;

describe('signed identity claims', () => {
  it('turns a valid token into a caller with its subject, phone and string claims', () => {
    const token = signIdentity(
      { sub: 'u-1', phone_number: '+34600000000', customerId: 'C-1001', exp: inAnHour, n: 3 },
      SECRET,
    );
    assert.deepEqual(verify(token), {
      verifiedBy: 'signed-claims',
      subject: 'u-1',
      phoneNumber: '+34600000000',
      claims: { customerId: 'C-1001' },
    });
  });

  it('refuses a token signed with another secret, or with its claims edited', () => {
    const other = signIdentity({ sub: 'u-1', exp: inAnHour }, `${SECRET}-other`);
    assert.throws(() => verify(other), /signature/);
    const [head, , signature] = signIdentity({ customerId: 'C-1', exp: inAnHour }, SECRET).split(
      '.',
    );
    const forged = Buffer.from(JSON.stringify({ customerId: 'C-2', exp: inAnHour })).toString(
      'base64url',
    );
    assert.throws(() => verify(`${head}.${forged}.${signature}`), ProtocolError);
  });

  it('refuses an expired token, one without exp, and alg "none"', () => {
    assert.throws(() => verify(signIdentity({ exp: NOW_MS / 1000 - 60 }, SECRET)), /expired/);
    const noExp = signIdentity({ exp: undefined as unknown as number }, SECRET);
    assert.throws(() => verify(noExp), /exp/);
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(`{"exp":${inAnHour}}`).toString('base64url')}.`;
    assert.throws(() => verify(none), ProtocolError);
    assert.throws(() => verify('garbage'), ProtocolError);
  });

  it('refuses a secret shorter than 32 bytes', () => {
    assert.throws(() => identityVerifier('short'), ConfigError);
  });
});
