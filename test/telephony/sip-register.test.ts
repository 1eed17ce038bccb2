import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  waitForRegistration,
  type RegistrationOptions,
} from '../../src/transport/sip/registration.ts';
import { demoAgent, StubSession } from '../../src/server/stub-session.fixture.ts';
import {
  freeUdpPort,
  killChildren,
  run,
  startSipServer,
  until,
  type SipHarness,
} from './sip-harness.ts';

const SCENARIOS = join(import.meta.dirname, 'sipp');
const PASSWORD = 'correct horse 7';

/** A REGISTER as SIPp received it: its Request-URI and headers (names lower-cased). */
interface TracedRequest {
  readonly uri: string;
  readonly headers: Map<string, string>;
}

/** The REGISTERs in SIPp's message trace (`-trace_msg`), in the order they arrived. */
function registersIn(trace: string): TracedRequest[] {
  const requests: TracedRequest[] = [];
  for (const block of trace.split(/^-{10,}.*$/m)) {
    const lines = block.split(/\r?\n/);
    const start = lines.findIndex((line) => line.startsWith('REGISTER '));
    if (start < 0 || !/message received/.test(block)) continue;
    const headers = new Map<string, string>();
    for (const line of lines.slice(start + 1)) {
      if (line.trim() === '') break;
      const colon = line.indexOf(':');
      headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    requests.push({ uri: lines[start]!.split(' ')[1]!, headers });
  }
  return requests;
}

/** The parameters of a Digest credentials header, read independently of the code under test. */
function digestParams(value: string | undefined): Record<string, string> {
  const credentials = value ?? '';
  assert.ok(credentials.startsWith('Digest '), `not Digest credentials: ${value}`);
  const params: Record<string, string> = {};
  for (const match of credentials.slice(7).matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]+))/g))
    params[match[1]!] = match[2] ?? match[3]!;
  return params;
}

/**
 * The response RFC 2617 §3.2.2.1 (MD5) and RFC 8760 §2 (SHA-256) define for qop=auth:
 * H(H(user:realm:password):nonce:nc:cnonce:qop:H(method:uri)).
 */
function expectedResponse(params: Record<string, string>, password: string): string {
  const algorithm = params['algorithm'] === 'SHA-256' ? 'sha256' : 'md5';
  const h = (text: string) => createHash(algorithm).update(text).digest('hex');
  const ha1 = h(`${params['username']}:${params['realm']}:${password}`);
  const ha2 = h(`REGISTER:${params['uri']}`);
  return h(`${ha1}:${params['nonce']}:${params['nc']}:${params['cnonce']}:${params['qop']}:${ha2}`);
}

describe('REGISTER with digest authentication to a SIPp registrar', { timeout: 60_000 }, () => {
  let workDir: string;
  const harnesses: SipHarness[] = [];

  before(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'parley-register-'));
  });

  after(async () => {
    killChildren();
    await Promise.all(harnesses.map((harness) => harness.close()));
    await rm(workDir, { recursive: true, force: true });
  });

  /** SIPp as the registrar (UAS), and our server registering with it. */
  async function register(
    scenario: string,
    keys: Record<string, string>,
    registration: Omit<RegistrationOptions, 'registrar'>,
  ) {
    const port = await freeUdpPort();
    const traceFile = join(workDir, `${scenario}.trace`);
    const registrar = run(
      'sipp',
      [
        '-sf',
        join(SCENARIOS, scenario),
        '-i',
        '127.0.0.1',
        '-p',
        String(port),
        '-m',
        '1',
        '-timeout',
        '30s',
        '-timeout_error',
        '-nostdin',
        '-trace_msg',
        '-message_file',
        traceFile,
        ...Object.entries(keys).flatMap(([name, value]) => ['-key', name, value]),
      ],
      workDir,
      40_000,
    );
    const harness = await startSipServer([demoAgent], (options) => new StubSession(options), {
      registration: { registrar: `sip:127.0.0.1:${port}`, ...registration },
    });
    harnesses.push(harness);
    return {
      harness,
      registration: harness.server.registration!,
      registrar,
      trace: async () => registersIn(await readFile(traceFile, 'utf8')),
    };
  }

  it('answers a 401 with SHA-256 digest, refreshes before expiry, follows a stale nonce and unregisters on close', async () => {
    const { harness, registration, registrar, trace } = await register(
      'registrar.xml',
      { nonce1: 'a1b2c3d4e5f6', nonce2: 'f6e5d4c3b2a1', opaque: 'op4que' },
      { username: 'parley', password: PASSWORD, domain: 'parley.test' },
    );
    await until('a 60 s binding', () => registration.grantedS === 60, 20_000);
    assert.equal(registration.state, 'registered');
    await harness.close();
    assert.equal(registration.state, 'unregistered');
    const result = await registrar;
    assert.equal(result.code, 0, `sipp failed:\n${result.stdout.slice(-1500)}\n${result.stderr}`);

    const registers = await trace();
    assert.equal(
      registers.length,
      5,
      'first try, answer, refresh, answer to the new nonce, removal',
    );
    const [first, answer, refresh, fresh, removal] = registers as [
      TracedRequest,
      TracedRequest,
      TracedRequest,
      TracedRequest,
      TracedRequest,
    ];
    assert.equal(first.headers.get('authorization'), undefined);
    // One Call-ID and rising CSeq for every REGISTER of this boot (RFC 3261 §10.2.4).
    assert.equal(new Set(registers.map((r) => r.headers.get('call-id'))).size, 1);
    assert.deepEqual(
      registers.map((r) => Number.parseInt(r.headers.get('cseq')!, 10)),
      [1, 2, 3, 4, 5].map((n) => n + Number.parseInt(first.headers.get('cseq')!, 10) - 1),
    );
    assert.match(first.headers.get('to')!, /<sip:parley@parley\.test>/);
    assert.match(first.headers.get('contact')!, /<sip:parley@127\.0\.0\.1:\d+;transport=udp>/);
    assert.equal(first.headers.get('expires'), '600');
    assert.equal(removal.headers.get('expires'), '0');

    const expected = [
      { request: answer, nonce: 'a1b2c3d4e5f6', nc: '00000001' },
      { request: refresh, nonce: 'a1b2c3d4e5f6', nc: '00000002' },
      { request: fresh, nonce: 'f6e5d4c3b2a1', nc: '00000001' },
      { request: removal, nonce: 'f6e5d4c3b2a1', nc: '00000002' },
    ];
    for (const { request, nonce, nc } of expected) {
      const params = digestParams(request.headers.get('authorization'));
      assert.equal(params['algorithm'], 'SHA-256', 'the strongest algorithm offered');
      assert.equal(params['qop'], 'auth');
      assert.equal(params['username'], 'parley');
      assert.equal(params['realm'], 'parley.test');
      assert.equal(params['uri'], request.uri);
      assert.equal(params['opaque'], 'op4que');
      assert.equal(params['nonce'], nonce);
      assert.equal(params['nc'], nc);
      assert.match(params['cnonce'] ?? '', /^[0-9a-f]{16}$/);
      assert.equal(params['response'], expectedResponse(params, PASSWORD));
    }
  });

  it('answers a 407 with MD5 Proxy-Authorization', async () => {
    const { harness, registration, registrar, trace } = await register(
      'registrar-proxy.xml',
      { nonce1: '0ddba11' },
      { username: '442071234567', authUsername: 'trunk-17', password: PASSWORD, expiresS: 120 },
    );
    await waitForRegistration(registration, 'registered', AbortSignal.timeout(20_000));
    assert.equal(registration.grantedS, 60);
    await harness.close();
    const result = await registrar;
    assert.equal(result.code, 0, `sipp failed:\n${result.stdout.slice(-1500)}\n${result.stderr}`);
    const [first, answer, removal] = await trace();
    assert.equal(first?.headers.get('expires'), '120');
    assert.match(first?.headers.get('to') ?? '', /<sip:442071234567@127\.0\.0\.1>/);
    for (const request of [answer!, removal!]) {
      assert.equal(request.headers.get('authorization'), undefined);
      const params = digestParams(request.headers.get('proxy-authorization'));
      assert.equal(params['algorithm'], 'MD5');
      assert.equal(params['username'], 'trunk-17');
      assert.equal(params['realm'], 'proxy.test');
      assert.equal(params['response'], expectedResponse(params, PASSWORD));
    }
    assert.equal(removal?.headers.get('expires'), '0');
  });

  it('reports refused credentials as a typed error and does not retry at once', async () => {
    const { harness, registration, registrar, trace } = await register(
      'registrar-refuses.xml',
      { nonce1: '1111', nonce2: '2222' },
      { username: 'parley', password: 'wrong' },
    );
    await waitForRegistration(registration, 'failed', AbortSignal.timeout(20_000));
    const result = await registrar;
    assert.equal(result.code, 0, `sipp failed:\n${result.stdout.slice(-1500)}\n${result.stderr}`);
    assert.equal(registration.lastError?.name, 'ProviderError');
    assert.match(registration.lastError?.message ?? '', /refused our credentials: 401/);
    assert.ok(harness.problems.some((problem) => problem.includes('registration failed')));
    await harness.close();
    assert.equal(
      (await trace()).length,
      2,
      'no third REGISTER, and no removal of a binding never held',
    );
  });
});
