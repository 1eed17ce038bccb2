import assert from 'node:assert/strict';
import { generateKeyPairSync, sign } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { encodeAlaw } from '../../src/audio/alaw.ts';
import { sine } from '../../src/audio/test-signals.ts';
import type { SessionOptions } from '../../src/index.ts';
import type { StubSession } from '../../src/server/stub-session.fixture.ts';
import { waitFor } from './playback-queue.ts';
import { startStubPhoneServer, type StubPhoneServer } from './stub-phone-server.ts';
import { TelnyxPeer } from './telnyx-peer.ts';

const keys = generateKeyPairSync('ed25519');
const PUBLIC_KEY = keys.publicKey
  .export({ format: 'der', type: 'spki' })
  .subarray(-32)
  .toString('base64');

function signBody(body: string, timestampSeconds: number): Record<string, string> {
  const signature = sign(null, Buffer.from(`${timestampSeconds}|${body}`), keys.privateKey);
  return {
    'telnyx-signature-ed25519': signature.toString('base64'),
    'telnyx-timestamp': String(timestampSeconds),
  };
}

describe('Telnyx media streaming', () => {
  let phone: StubPhoneServer;
  let baseUrl: string;
  let sessions: StubSession[];
  let sessionOptions: Map<StubSession, SessionOptions>;

  before(async () => {
    phone = await startStubPhoneServer((origin) => ({
      telnyx: {
        publicKey: PUBLIC_KEY,
        codec: 'PCMA',
        get publicUrl() {
          return origin();
        },
      },
    }));
    ({ baseUrl, sessions, sessionOptions } = phone);
  });

  after(() => phone.close());

  async function postVoice(body: string, headers: Record<string, string>): Promise<Response> {
    return fetch(`${baseUrl}/telnyx/voice?agent=demo`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body,
    });
  }

  async function announce(): Promise<string> {
    const body = 'CallSid=v3%3Aabc&From=%2B34910000000&To=%2B34910000001';
    const response = await postVoice(body, signBody(body, Math.floor(Date.now() / 1000)));
    assert.equal(response.status, 200);
    const texml = await response.text();
    const url = /<Stream url="([^"]+)"/.exec(texml)?.[1];
    assert.ok(url, texml);
    return url.replaceAll('&amp;', '&');
  }

  it('answers a signed TeXML webhook with a bidirectional RTP stream in the chosen codec', async () => {
    const body = 'CallSid=v3%3Aabc&From=%2B34910000000';
    const response = await postVoice(body, signBody(body, Math.floor(Date.now() / 1000)));
    const texml = await response.text();
    assert.match(
      texml,
      /<Connect><Stream url="ws:\/\/127\.0\.0\.1:\d+\/telnyx\/media\?call=[0-9a-f]{32}"/,
    );
    assert.match(texml, /bidirectionalMode="rtp" bidirectionalCodec="PCMA"/);
  });

  it('refuses unsigned, forged and replayed webhooks', async () => {
    const body = 'CallSid=v3%3Aabc';
    assert.equal((await postVoice(body, {})).status, 403);
    const forged = signBody('CallSid=other', Math.floor(Date.now() / 1000));
    assert.equal((await postVoice(body, forged)).status, 403);
    const stale = signBody(body, Math.floor(Date.now() / 1000) - 600);
    assert.equal((await postVoice(body, stale)).status, 403);
  });

  it('refuses a stream whose call reference no signed webhook issued', async () => {
    const peer = await TelnyxPeer.connect(
      `${baseUrl.replace('http', 'ws')}/telnyx/media?call=forged`,
      'PCMA',
    );
    assert.equal((await peer.closed).code, 1008);
  });

  it('carries an A-law call: audio both ways, marks, barge-in with clear, keypad, hang-up', async () => {
    const url = await announce();
    const count = sessions.length;
    const peer = await TelnyxPeer.connect(url, 'PCMA');
    await waitFor('the session', () => sessions.length > count);
    const session = sessions[sessions.length - 1]!;
    assert.deepEqual(sessionOptions.get(session)?.caller, {
      verifiedBy: 'telephony',
      phoneNumber: '+34910000000',
      claims: {},
    });

    const tone = sine(440, 8000, 1600, 0.3);
    for (let i = 0; i < 10; i++) peer.sendAudio(encodeAlaw(tone.subarray(i * 160, (i + 1) * 160)));
    peer.sendAudio(encodeAlaw(tone.subarray(0, 160)), 'outbound'); // what the caller hears: not input
    await waitFor(
      'caller audio',
      () => session.audio.reduce((n, c) => n + c.samples.length, 0) >= 3000,
    );
    const received = session.audio.reduce((n, c) => n + c.samples.length, 0);
    assert.ok(received <= 3200, `only the inbound track is input (${received} samples)`);

    session.emit({ type: 'agent.audio.start', turnId: 2, sampleRate: 8000 });
    const reply = sine(300, 8000, 3200, 0.3);
    for (let i = 0; i < 20; i++)
      session.emit({
        type: 'agent.audio',
        turnId: 2,
        chunk: { samples: reply.subarray(i * 160, (i + 1) * 160), sampleRate: 8000 },
      } as never);
    await waitFor('20 packets', () => peer.media.length === 20);
    const decoded = peer.media[5]!;
    const expected = reply.subarray(800, 960);
    for (let i = 0; i < 160; i++)
      assert.ok(
        Math.abs(decoded[i]! - expected[i]!) <= Math.max(64, Math.abs(expected[i]!) * 0.07),
      );
    peer.play(200);
    await waitFor('positions', () => session.positions.length === 2);
    session.emit({ type: 'interrupt', turnId: 2, heardText: 'Hola' });
    await waitFor('a clear', () => peer.clears === 1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.deepEqual(session.positions, [
      { turnId: 2, playedMs: 100 },
      { turnId: 2, playedMs: 200 },
    ]);

    for (const digit of '55#') peer.pressKey(digit);
    await waitFor('a keypad entry', () => session.texts.length === 1);
    assert.deepEqual(session.texts, ['55']);
    assert.deepEqual(peer.protocolErrors, []);
    peer.hangUp();
    await waitFor('the session to close', () => session.closed);
  });
});
