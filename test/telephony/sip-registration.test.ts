import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, ProtocolError } from '../../src/index.ts';
import { VirtualClock, flushMicrotasks } from '../../src/testing/index.ts';
import {
  answerChallenge,
  chooseChallenge,
  parseChallenge,
} from '../../src/transport/sip/digest.ts';
import { header, type SipHeader, type SipRequest } from '../../src/transport/sip/message.ts';
import { parseRegistrar, refreshDelayMs } from '../../src/transport/sip/registration-policy.ts';
import { SipRegistration } from '../../src/transport/sip/registration.ts';
import { registrationFromEnv } from '../../src/transport/telephony/from-env.ts';

describe('SIP digest answers', () => {
  it('matches the MD5 example of RFC 2617 §3.5', () => {
    const challenge = parseChallenge(
      'Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41"',
      'Authorization',
    )!;
    const answer = answerChallenge(
      challenge,
      { username: 'Mufasa', password: 'Circle Of Life' },
      { method: 'GET', uri: '/dir/index.html' },
      1,
      '0a4f113b',
    );
    assert.equal(answer.response, '6629fae49393a05397450978507c4ef1');
    assert.match(answer.value, /qop=auth, nc=00000001/);
    assert.match(answer.value, /opaque="5ccc069c403ebaf9f0171e9517f40e41"/);
  });

  it('matches the SHA-256 example of RFC 7616 §3.9.1', () => {
    const challenge = parseChallenge(
      'Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"',
      'Authorization',
    )!;
    const answer = answerChallenge(
      challenge,
      { username: 'Mufasa', password: 'Circle of Life' },
      { method: 'GET', uri: '/dir/index.html' },
      1,
      'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
    );
    assert.equal(
      answer.response,
      '753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1',
    );
    assert.match(answer.value, /algorithm=SHA-256/);
  });

  it('answers an RFC 2069 challenge (no qop) without cnonce or nc', () => {
    const challenge = parseChallenge('Digest realm="a", nonce="b"', 'Proxy-Authorization')!;
    const answer = answerChallenge(
      challenge,
      { username: 'u', password: 'p' },
      { method: 'REGISTER', uri: 'sip:a' },
      1,
    );
    assert.equal(answer.header, 'Proxy-Authorization');
    assert.doesNotMatch(answer.value, /cnonce|nc=|qop/);
  });

  it('prefers SHA-256 over MD5 when the server offers both', () => {
    const md5 = parseChallenge('Digest realm="r", nonce="n", algorithm=MD5', 'Authorization');
    const sha = parseChallenge('Digest realm="r", nonce="n", algorithm=SHA-256', 'Authorization');
    assert.equal(chooseChallenge([md5, sha])?.algorithm, 'SHA-256');
  });

  it('reads quoted commas and stale, and skips algorithms and schemes it cannot answer', () => {
    const challenge = parseChallenge('Digest realm="a, b", nonce="n", stale=TRUE', 'Authorization');
    assert.equal(challenge?.realm, 'a, b');
    assert.equal(challenge?.stale, true);
    assert.equal(
      parseChallenge('Digest realm="r", nonce="n", algorithm=SHA-512-256', 'Authorization'),
      undefined,
    );
    assert.equal(parseChallenge('Basic realm="r"', 'Authorization'), undefined);
  });

  it('refuses a challenge without a nonce with a ProtocolError', () => {
    assert.throws(() => parseChallenge('Digest realm="r"', 'Authorization'), ProtocolError);
  });
});

/** A registration on a virtual clock whose REGISTERs are kept for the test to answer. */
function harness(expiresS?: number) {
  const clock = new VirtualClock();
  const sent: SipRequest[] = [];
  const problems: string[] = [];
  const registration = new SipRegistration(
    {
      registrar: 'sip:registrar.test',
      username: 'parley',
      password: 'pw',
      ...(expiresS ? { expiresS } : {}),
    },
    {
      clock,
      send: (request) => sent.push(request),
      localAddress: '192.0.2.7',
      localPort: () => 5060,
      onProblem: (message, error) => problems.push(`${message}: ${(error as Error).message}`),
      resolve: () => Promise.resolve('192.0.2.1'),
    },
  );
  const respond = (status: number, reason: string, extra: SipHeader[] = []) => {
    const request = sent.at(-1)!;
    registration.onResponse({
      kind: 'response',
      status,
      reason,
      headers: [
        ...request.headers.filter(([name]) =>
          ['Via', 'From', 'To', 'Call-ID', 'CSeq'].includes(name),
        ),
        ...extra,
      ],
      body: Buffer.alloc(0),
    });
  };
  return { clock, sent, problems, registration, respond };
}

describe('the REGISTER client on a virtual clock', () => {
  it('resends an unanswered REGISTER on Timer E and gives up after 64·T1, then retries after 30 s', async () => {
    const { clock, sent, registration, problems } = harness();
    registration.start();
    await flushMicrotasks();
    assert.equal(sent.length, 1);
    await clock.advance(500);
    await clock.advance(1000);
    await clock.advance(2000);
    assert.equal(sent.length, 4, 'T1, 2·T1, 4·T1');
    await clock.advance(32_000 - 3500);
    assert.equal(registration.state, 'failed');
    assert.equal(registration.lastError?.name, 'TimeoutError');
    assert.ok(problems[0]?.includes('did not answer'));
    const attempts = () => new Set(sent.map((request) => header(request, 'CSeq'))).size;
    assert.equal(attempts(), 1);
    await clock.advance(30_000);
    assert.equal(attempts(), 2, 'one new attempt after the backoff');
    assert.notEqual(header(sent.at(-1)!, 'CSeq'), header(sent[0]!, 'CSeq'));
    await registration.close();
  });

  it('refreshes 30 s before a two-minute binding lapses', async () => {
    const { clock, sent, registration, respond } = harness(120);
    registration.start();
    await flushMicrotasks();
    respond(200, 'OK', [['Expires', '120']]);
    assert.equal(registration.state, 'registered');
    assert.equal(registration.grantedS, 120);
    await clock.advance(89_000);
    assert.equal(sent.length, 1);
    await clock.advance(1_000);
    assert.equal(sent.length, 2);
    assert.equal(header(sent[1]!, 'Expires'), '120');
    assert.equal(refreshDelayMs(2), 1_000, 'a short binding refreshes half-way');
    respond(200, 'OK', [['Expires', '120']]);
    const closing = registration.close();
    respond(200, 'OK');
    await closing;
  });

  it('asks again with Min-Expires after 423 Interval Too Brief', async () => {
    const { sent, registration, respond } = harness(60);
    registration.start();
    await flushMicrotasks();
    respond(423, 'Interval Too Brief', [['Min-Expires', '300']]);
    assert.equal(sent.length, 2);
    assert.equal(header(sent[1]!, 'Expires'), '300');
    respond(200, 'OK');
    assert.equal(registration.grantedS, 300);
    const closing = registration.close();
    assert.equal(header(sent.at(-1)!, 'Expires'), '0');
    respond(200, 'OK');
    await closing;
    assert.equal(registration.state, 'unregistered');
  });

  it("waits the registrar's Retry-After after a 503", async () => {
    const { clock, sent, registration, respond } = harness();
    registration.start();
    await flushMicrotasks();
    respond(503, 'Service Unavailable', [['Retry-After', '10']]);
    assert.equal(registration.state, 'failed');
    await clock.advance(9_999);
    assert.equal(sent.length, 1);
    await clock.advance(1);
    assert.equal(sent.length, 2);
    await registration.close();
  });

  it('removes the binding on close, and stops waiting for an answer after 4 s', async () => {
    const { clock, sent, registration, respond } = harness();
    registration.start();
    await flushMicrotasks();
    respond(200, 'OK');
    const closing = registration.close();
    assert.equal(header(sent.at(-1)!, 'Expires'), '0');
    await clock.advance(4_000);
    await closing;
    assert.equal(registration.state, 'unregistered');
    assert.equal(clock.pendingTimers, 0, 'no timer left behind');
  });
});

describe('registration settings', () => {
  it('refuses to register a wildcard address as our contact', () => {
    assert.throws(
      () =>
        new SipRegistration(
          { registrar: 'sip:registrar.test', username: 'u', password: 'p' },
          {
            clock: new VirtualClock(),
            send: () => {},
            localAddress: '0.0.0.0',
            localPort: () => 5060,
            onProblem: () => {},
          },
        ),
      /PARLEY_SIP_ADDRESS/,
    );
  });

  it('reads the registrar as sip:host[:port] and refuses sips:', () => {
    assert.deepEqual(parseRegistrar('sip:sip.example.com:5080'), {
      requestUri: 'sip:sip.example.com:5080',
      host: 'sip.example.com',
      port: 5080,
    });
    assert.equal(parseRegistrar('sip.example.com').port, 5060);
    assert.throws(() => parseRegistrar('sips:sip.example.com'), ConfigError);
  });

  it('comes from the environment and needs a user name and password', () => {
    assert.equal(registrationFromEnv({}), undefined);
    assert.deepEqual(
      registrationFromEnv({
        PARLEY_SIP_REGISTRAR: 'sip:sip.example.com',
        PARLEY_SIP_USERNAME: '4420',
        PARLEY_SIP_PASSWORD: 'pw',
        PARLEY_SIP_REGISTER_EXPIRES: '300',
      }),
      { registrar: 'sip:sip.example.com', username: '4420', password: 'pw', expiresS: 300 },
    );
    assert.throws(() => registrationFromEnv({ PARLEY_SIP_REGISTRAR: 'sip:x' }), ConfigError);
    assert.throws(
      () =>
        registrationFromEnv({
          PARLEY_SIP_REGISTRAR: 'sip:x',
          PARLEY_SIP_USERNAME: 'u',
          PARLEY_SIP_PASSWORD: 'p',
          PARLEY_SIP_REGISTER_EXPIRES: 'soon',
        }),
      ConfigError,
    );
  });
});
