import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { decodeMulaw } from '../../src/audio/mulaw.ts';
import { sine } from '../../src/audio/test-signals.ts';
import { demoAgent, StubSession } from '../../src/server/stub-session.fixture.ts';
import { decodeRtp } from '../../src/transport/sip/rtp.ts';
import {
  killChildren,
  run,
  sippCallArgs,
  startSipServer,
  until,
  type SipHarness,
} from './sip-harness.ts';

const SCENARIOS = join(import.meta.dirname, 'sipp');
const PROMPT = '/usr/share/asterisk/sounds/en_US_f_Allison/privacy-prompt.wav';

/** The stub agent greets with a 1 s tone as soon as its call is answered. */
function greetingSession(options: ConstructorParameters<typeof StubSession>[0]): StubSession {
  const session = new StubSession(options);
  setTimeout(() => {
    session.emit({ type: 'agent.audio.start', turnId: 0, sampleRate: 8000 });
    const tone = sine(300, 8000, 8000, 0.3);
    for (let i = 0; i < 50; i++)
      session.emit({
        type: 'agent.audio',
        turnId: 0,
        chunk: { samples: tone.subarray(i * 160, (i + 1) * 160), sampleRate: 8000 },
      } as never);
    session.emit({ type: 'agent.audio.end', turnId: 0, interrupted: false });
  }, 100);
  return session;
}

describe('SIP calls placed by SIPp', () => {
  let harness: SipHarness;
  let workDir: string;
  let speechWav: string;
  const sessions: StubSession[] = [];
  /** While set, sessions open only once it resolves (a call still being answered). */
  let openGate: Promise<void> | undefined;

  before(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'parley-sipp-'));
    speechWav = join(workDir, 'speech-ulaw.wav');
    execFileSync('sox', [PROMPT, '-e', 'mu-law', '-r', '8000', '-c', '1', speechWav]);
    harness = await startSipServer([demoAgent], (options) => {
      const session = greetingSession(options);
      sessions.push(session);
      return openGate ? openGate.then(() => session) : session;
    });
  });

  after(async () => {
    killChildren();
    await harness.close();
    await rm(workDir, { recursive: true, force: true });
  });

  async function sipp(scenario: string, keys: Record<string, string>, extra: string[] = []) {
    const args = [
      ...(await sippCallArgs(harness.server.port, join(SCENARIOS, scenario), {
        timeoutS: 30,
        keys,
      })),
      '-trace_err',
      ...extra,
    ];
    return run('sipp', args, workDir, 45_000);
  }

  it('answers an INVITE, hears the caller, takes RFC 4733 keys, sends RTP back and hangs up on BYE', async () => {
    const sink: Socket = createSocket('udp4');
    await new Promise<void>((resolve) => sink.bind(0, '127.0.0.1', () => resolve()));
    const packets: { payloadType: number; payload: Uint8Array }[] = [];
    sink.on('message', (bytes) => {
      const packet = decodeRtp(bytes);
      if (packet) packets.push(packet);
    });
    try {
      const result = await sipp(
        'call.xml',
        {
          agent: 'demo',
          rtpsink: String(sink.address().port),
          speech: speechWav,
          talkms: '3600',
          holdms: '600',
        },
        ['-m', '1'],
      );
      assert.equal(result.code, 0, `sipp failed:\n${result.stdout.slice(-1500)}\n${result.stderr}`);
    } finally {
      sink.close();
    }
    const session = sessions.at(-1)!;
    // The caller's recorded human prompt reached the session at 16 kHz, and it is speech, not silence.
    const heard = session.audio.flatMap((chunk) => Array.from(chunk.samples));
    assert.ok(session.audio.every((chunk) => chunk.sampleRate === 16_000));
    assert.ok(heard.length > 16_000 * 2.5, `heard ${heard.length} samples`);
    const rms = Math.sqrt(heard.reduce((sum, value) => sum + value * value, 0) / heard.length);
    assert.ok(rms > 300, `caller audio rms ${rms.toFixed(0)}`);
    // Keys 4, 2 and # became one entry.
    assert.deepEqual(session.texts, ['42']);
    // The agent's greeting came back as 20 ms PCMU packets carrying the tone.
    const audio = packets.filter((packet) => packet.payloadType === 0);
    assert.ok(audio.length >= 45, `${audio.length} RTP packets came back`);
    assert.ok(audio.every((packet) => packet.payload.length === 160));
    const back = decodeMulaw(audio[10]!.payload);
    const peak = Math.max(...Array.from(back, Math.abs));
    assert.ok(peak > 8000, `agent audio peak ${peak}`);
    assert.equal(session.closed, true);
    assert.equal(harness.server.stats.activeCalls, 0);
  });

  it('answers malformed requests with 400 and keeps serving', async () => {
    const before = harness.server.stats.malformed;
    const result = await sipp('malformed.xml', {}, ['-m', '1']);
    assert.equal(result.code, 0, `sipp failed:\n${result.stdout.slice(-1500)}\n${result.stderr}`);
    assert.equal(harness.server.stats.malformed - before, 3);
  });

  it('carries a call over TCP the same way', async () => {
    const sink: Socket = createSocket('udp4');
    await new Promise<void>((resolve) => sink.bind(0, '127.0.0.1', () => resolve()));
    let packets = 0;
    sink.on('message', () => packets++);
    const count = sessions.length;
    try {
      const result = await sipp(
        'call.xml',
        { agent: 'demo', rtpsink: String(sink.address().port) },
        ['-m', '1', '-t', 't1'],
      );
      assert.equal(result.code, 0, `sipp failed:\n${result.stdout.slice(-1500)}\n${result.stderr}`);
    } finally {
      sink.close();
    }
    assert.equal(sessions.length, count + 1);
    assert.deepEqual(sessions.at(-1)!.texts, ['42']);
    assert.ok(packets >= 45, `${packets} RTP packets came back`);
  });

  it('answers a CANCEL during the answer with 200, ends the INVITE with 487 and starts no call', async () => {
    let release = () => {};
    openGate = new Promise<void>((resolve) => (release = resolve));
    const sink: Socket = createSocket('udp4');
    await new Promise<void>((resolve) => sink.bind(0, '127.0.0.1', () => resolve()));
    let packets = 0;
    sink.on('message', () => packets++);
    const count = sessions.length;
    try {
      const call = sipp(
        'cancel.xml',
        { agent: 'demo', rtpsink: String(sink.address().port), holdms: '1500' },
        ['-m', '1'],
      );
      // The session is still opening when the CANCEL ends the call; then it finishes opening,
      // while SIPp still listens for a 200 OK that must never come.
      await until(
        'the CANCEL to end the call',
        () => sessions.length > count && harness.server.stats.activeCalls === 0,
        15_000,
      );
      release();
      const result = await call;
      assert.equal(result.code, 0, `sipp failed:\n${result.stdout.slice(-1500)}\n${result.stderr}`);
    } finally {
      release();
      openGate = undefined;
      sink.close();
    }
    const session = sessions.at(-1)!;
    assert.equal(sessions.length, count + 1);
    assert.equal(session.closed, true, 'the session that was opening was closed');
    assert.equal(session.audio.length, 0, 'no caller audio reached it');
    assert.equal(packets, 0, 'no agent audio went out');
    assert.equal(harness.server.stats.activeCalls, 0);
  });

  it('holds 50 concurrent calls', async () => {
    let peak = 0;
    const sampler = setInterval(() => {
      peak = Math.max(peak, harness.server.stats.activeCalls);
    }, 20);
    try {
      const result = await sipp('load.xml', {}, [
        '-m',
        '50',
        '-l',
        '50',
        '-r',
        '50',
        '-rp',
        '1000',
      ]);
      assert.equal(result.code, 0, `sipp failed:\n${result.stdout.slice(-2500)}\n${result.stderr}`);
    } finally {
      clearInterval(sampler);
    }
    assert.ok(peak >= 40, `peak of ${peak} concurrent calls`);
    assert.equal(harness.server.stats.activeCalls, 0);
  });
});
