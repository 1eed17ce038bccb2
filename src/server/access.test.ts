import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../spec/errors.ts';
import { accessPolicy, crossOrigin, hostAllowed, hostName, parseHostList } from './access.ts';

describe('access policy', () => {
  it('answers only to loopback names on a loopback listener, with no token', () => {
    const policy = accessPolicy({ listenHost: '127.0.0.1' });
    assert.equal(policy.token, undefined);
    assert.equal(hostAllowed(policy, 'localhost:8787'), true);
    assert.equal(hostAllowed(policy, '127.0.0.1:8787'), true);
    assert.equal(hostAllowed(policy, '[::1]:8787'), true);
    assert.equal(hostAllowed(policy, 'evil.example:8787'), false);
    assert.equal(hostAllowed(policy, undefined), false);
    assert.equal(hostAllowed(policy, 'localhost.evil.example'), false);
  });

  it('generates a strong token when listening beyond loopback without one', () => {
    const policy = accessPolicy({ listenHost: '0.0.0.0', allowedHosts: ['voice.example.com'] });
    assert.equal(policy.generatedToken, true);
    assert.ok((policy.token ?? '').length >= 32);
    assert.equal(hostAllowed(policy, 'voice.example.com'), true);
    assert.equal(hostAllowed(policy, 'VOICE.example.com.:443'), true);
    assert.equal(hostAllowed(policy, '0.0.0.0:8787'), false);
  });

  it('answers to the one address it is bound to', () => {
    const policy = accessPolicy({
      listenHost: '192.168.1.5',
      token: 'k'.repeat(4) + 'abcdefghij0123456789',
    });
    assert.equal(hostAllowed(policy, '192.168.1.5:8787'), true);
    assert.equal(hostAllowed(policy, '192.168.1.6:8787'), false);
  });

  it('refuses a weak token at start', () => {
    assert.throws(() => accessPolicy({ listenHost: '0.0.0.0', token: 'sesame' }), ConfigError);
    assert.throws(
      () => accessPolicy({ listenHost: '127.0.0.1', token: 'a'.repeat(40) }),
      /distinct/,
    );
  });

  it('parses a host list and host headers', () => {
    assert.deepEqual(parseHostList(' a.example, b.example:8443 ,,'), [
      'a.example',
      'b.example:8443',
    ]);
    assert.equal(hostName('[::1]:80'), '::1');
    assert.equal(hostName('bad host'), undefined);
    assert.equal(hostName('a:b:c'), undefined);
  });

  it('tells a cross-site page from a same-site one', () => {
    assert.equal(crossOrigin(undefined, 'localhost:1'), false);
    assert.equal(crossOrigin('http://localhost:1', 'localhost:1'), false);
    assert.equal(crossOrigin('http://evil.example:1', 'localhost:1'), true);
    assert.equal(crossOrigin('null', 'localhost:1'), true);
  });
});
