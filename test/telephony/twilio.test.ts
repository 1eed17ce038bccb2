import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { encodeMulaw } from '../../src/audio/mulaw.ts';
import { sine } from '../../src/audio/test-signals.ts';
import type { SessionOptions } from '../../src/index.ts';
import type { StubSession } from '../../src/server/stub-session.fixture.ts';
import { twilioSignature } from '../../src/transport/twilio/signature.ts';
import { waitFor } from './playback-queue.ts';
import { startStubPhoneServer, type StubPhoneServer } from './stub-phone-server.ts';
import { TwilioPeer } from './twilio-peer.ts';

const AUTH_TOKEN = 'test-auth-token-12345';

describe('Twilio Media Streams', () => {
  let phone: StubPhoneServer;
  let baseUrl: string;
  let sessions: StubSession[];
  let sessionOptions: Map<StubSession, SessionOptions>;

  before(async () => {
    phone = await startStubPhoneServer((origin) => ({
      dtmfRules: { demo: { terminator: '#', maxDigits: 6, interDigitTimeoutMs: 3_000 } },
      twilio: {
        authToken: AUTH_TOKEN,
        get publicUrl() {
          return origin();
        },
      },
    }));
    ({ baseUrl, sessions, sessionOptions } = phone);
  });

  after(() => phone.close());

  async function postVoice(
    params: Record<string, string>,
    sign: boolean,
    path = '/twilio/voice?agent=demo',
  ): Promise<Response> {
    const entries = Object.entries(params);
    const headers: Record<string, string> = {
      'content-type': 'application/x-www-form-urlencoded',
    };
    if (sign) headers['x-twilio-signature'] = twilioSignature(AUTH_TOKEN, baseUrl + path, entries);
    return fetch(baseUrl + path, {
      method: 'POST',
      headers,
      body: new URLSearchParams(params).toString(),
    });
  }

  async function startCall(callSid: string): Promise<{ peer: TwilioPeer; session: StubSession }> {
    const answer = await postVoice(
      { CallSid: callSid, From: '+15005550006', To: '+15005550001' },
      true,
    );
    assert.equal(answer.status, 200);
    const count = sessions.length;
    const peer = await TwilioPeer.connect(
      `${baseUrl.replace('http', 'ws')}/twilio/media`,
      callSid,
      {
        agent: 'demo',
      },
    );
    await waitFor('the session to open', () => sessions.length > count);
    return { peer, session: sessions[sessions.length - 1]! };
  }

  it('answers a signed webhook with TwiML that connects a stream carrying the agent', async () => {
    const response = await postVoice({ CallSid: 'CA0001', From: '+15005550006' }, true);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /text\/xml/);
    const twiml = await response.text();
    const wsUrl = `${baseUrl.replace('http', 'ws')}/twilio/media`;
    assert.ok(twiml.includes(`<Connect><Stream url="${wsUrl}">`), twiml);
    assert.ok(twiml.includes('<Parameter name="agent" value="demo"/>'), twiml);
  });

  it('refuses unsigned and wrongly signed webhooks when an auth token is set', async () => {
    assert.equal((await postVoice({ CallSid: 'CA0002' }, false)).status, 403);
    const forged = await fetch(`${baseUrl}/twilio/voice?agent=demo`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': twilioSignature(AUTH_TOKEN, `${baseUrl}/twilio/voice?agent=demo`, [
          ['CallSid', 'CA0002'],
        ]),
      },
      body: 'CallSid=CA0003',
    });
    assert.equal(forged.status, 403);
  });

  it('refuses a media stream for a call no signed webhook announced', async () => {
    const peer = await TwilioPeer.connect(
      `${baseUrl.replace('http', 'ws')}/twilio/media`,
      'CAunknown',
      {
        agent: 'demo',
      },
    );
    const closed = await peer.closed;
    assert.equal(closed.code, 1008);
  });

  it('carries a call: caller audio in at 16 kHz, agent audio out in 20 ms μ-law packets with marks', async () => {
    const { peer, session } = await startCall('CA0010');
    // Caller audio: 200 ms of a 440 Hz tone as ten 20 ms packets.
    const tone = sine(440, 8000, 1600, 0.3);
    for (let i = 0; i < 10; i++) peer.sendAudio(encodeMulaw(tone.subarray(i * 160, (i + 1) * 160)));
    await waitFor('caller audio at 16 kHz', () => totalSamples(session) >= 3000);
    assert.ok(session.audio.every((chunk) => chunk.sampleRate === 16_000));
    // The agent speaks 300 ms at 8 kHz (the session's output rate for phone calls).
    assert.equal(session.outputSampleRate, 8000);
    session.emit({ type: 'agent.audio.start', turnId: 1, sampleRate: 8000 });
    const reply = sine(300, 8000, 2400, 0.3);
    for (let i = 0; i < 15; i++)
      session.emit({
        type: 'agent.audio',
        turnId: 1,
        chunk: { samples: reply.subarray(i * 160, (i + 1) * 160), sampleRate: 8000 },
      } as never);
    session.emit({ type: 'agent.audio.end', turnId: 1, interrupted: false });
    await waitFor('15 media packets', () => peer.media.length === 15);
    assert.ok(peer.media.every((packet) => packet.length === 160));
    assert.deepEqual(peer.marksReceived, ['parley:1:100', 'parley:1:200', 'parley:1:300']);
    peer.play(200);
    await waitFor('two playback positions', () => session.positions.length === 2);
    assert.deepEqual(session.positions, [
      { turnId: 1, playedMs: 100 },
      { turnId: 1, playedMs: 200 },
    ]);
    assert.deepEqual(peer.protocolErrors, []);
    peer.hangUp();
    await waitFor('the session to close', () => session.closed);
  });

  it('clears the queued audio on barge-in and ignores the marks Twilio returns for it', async () => {
    const { peer, session } = await startCall('CA0020');
    session.emit({ type: 'agent.audio.start', turnId: 3, sampleRate: 8000 });
    const reply = sine(300, 8000, 3200, 0.3);
    for (let i = 0; i < 20; i++)
      session.emit({
        type: 'agent.audio',
        turnId: 3,
        chunk: { samples: reply.subarray(i * 160, (i + 1) * 160), sampleRate: 8000 },
      } as never);
    await waitFor('20 media packets', () => peer.media.length === 20);
    peer.play(100);
    await waitFor('the first position', () => session.positions.length === 1);
    session.emit({ type: 'interrupt', turnId: 3, heardText: 'Hello' });
    await waitFor('a clear', () => peer.clears === 1);
    // Twilio echoes the three cleared marks; none of them was heard.
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.deepEqual(session.positions, [{ turnId: 3, playedMs: 100 }]);
    assert.equal(peer.queuedMs, 0);
    peer.hangUp();
    await waitFor('the session to close', () => session.closed);
  });

  it('turns keypad digits into one text entry by the agent rule', async () => {
    const { peer, session } = await startCall('CA0030');
    for (const digit of ['4', '2', '7', '#']) peer.pressKey(digit);
    await waitFor('a text entry', () => session.texts.length === 1);
    assert.deepEqual(session.texts, ['427']);
    for (const digit of '123456') peer.pressKey(digit); // six digits end an entry by themselves
    await waitFor('a second entry', () => session.texts.length === 2);
    assert.deepEqual(session.texts, ['427', '123456']);
    peer.socket.close();
    await waitFor('the session to close', () => session.closed);
  });

  it('passes the caller number of a signed webhook to the session as a verified identity', async () => {
    const { peer, session } = await startCall('CA0040');
    assert.deepEqual(sessionOptions.get(session)?.caller, {
      verifiedBy: 'telephony',
      phoneNumber: '+15005550006',
      claims: {},
    });
    peer.hangUp();
    await waitFor('the session to close', () => session.closed);
  });
});

function totalSamples(session: StubSession): number {
  return session.audio.reduce((sum, chunk) => sum + chunk.samples.length, 0);
}
