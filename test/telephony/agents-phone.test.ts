import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createAgents } from '../../src/agents/index.ts';
import type { Session, SessionEvent } from '../../src/index.ts';
import { createSession } from '../../src/index.ts';
import { createLocalModels } from '../../src/server/local-models.ts';
import { mountTelephony, type TelephonyMount } from '../../src/transport/telephony/mount.ts';
import { bestCorrelation } from './baresip.ts';
import { LineRecorder, rms, speechMsIn } from './line-recorder.ts';
import { killChildren, run, sippCallArgs, type ProcessResult } from './sip-harness.ts';

const SCENARIOS = join(import.meta.dirname, 'sipp');
const SOUNDS = '/usr/share/asterisk/sounds';

interface CallRecord {
  readonly session: Session;
  readonly events: { readonly atMs: number; readonly event: SessionEvent }[];
}

interface PlacedCall {
  readonly line: LineRecorder;
  readonly result: ProcessResult;
  readonly record: CallRecord;
}

/** What one agent said in one turn, as the session emitted it (8 kHz on a phone call). */
function spoken(record: CallRecord, turnId: number): Int16Array {
  const chunks = record.events.flatMap(({ event }) =>
    event.type === 'agent.audio' && event.turnId === turnId ? [event.chunk.samples] : [],
  );
  return Int16Array.from(chunks.flatMap((chunk) => Array.from(chunk)));
}

function text(record: CallRecord, turnId: number): string {
  return record.events
    .flatMap(({ event }) =>
      event.type === 'agent.text' && event.turnId === turnId ? [event.text] : [],
    )
    .join('');
}

describe(
  'the three shipped agents answer the phone (SIPp calls, offline engines)',
  { timeout: 150_000 },
  () => {
    let workDir: string;
    let mount: TelephonyMount;
    const records = new Map<string, CallRecord>();
    const placed = new Map<string, PlacedCall>();

    /** A SIPp call to `agentId`; `speech` (a WAV) is streamed as the caller's voice when given. */
    async function placeCall(
      agentId: string,
      scenario: string,
      keys: Record<string, string>,
      speech?: { file: string; padS: number },
    ): Promise<PlacedCall> {
      const dir = await mkdtemp(join(workDir, `${agentId}-`));
      if (speech)
        execFileSync('sox', [
          speech.file,
          '-e',
          'mu-law',
          '-r',
          '8000',
          '-c',
          '1',
          join(dir, 'speech-ulaw.wav'),
          'pad',
          '0',
          String(speech.padS),
        ]);
      const line = await LineRecorder.open();
      const result = await run(
        'sipp',
        [
          ...(await sippCallArgs(mount.sip!.port, join(SCENARIOS, scenario), {
            timeoutS: 60,
            keys: { agent: agentId, rtpsink: String(line.port), ...keys },
          })),
          '-m',
          '1',
        ],
        dir,
        90_000,
      );
      line.close();
      return { line, result, record: records.get(agentId)! };
    }

    before(async () => {
      workDir = await mkdtemp(join(tmpdir(), 'parley-agents-phone-'));
      const agents = await createAgents({ dataDir: workDir });
      mount = mountTelephony({
        agents,
        openSession: (agent, options) => {
          const session = createSession({ ...options, agent, models: createLocalModels(agent) });
          const record: CallRecord = { session, events: [] };
          records.set(agent.id, record);
          // After the call's runner: the first subscriber is the one the greeting is replayed to.
          setImmediate(() =>
            session.subscribe((event) => record.events.push({ atMs: performance.now(), event })),
          );
          return Promise.resolve(session);
        },
        // The support desk takes order numbers on the keypad, as a deployment configures it.
        dtmfRules: { support: { entryText: 'My order number is {digits}.' } },
        sip: { port: 0 },
        onProblem: (message, error) => console.error(message, error),
      });
      await mount.ready;
      // The three calls at once, as a phone server takes them.
      const calls = await Promise.all([
        placeCall('support', 'answer-keys.xml', { greetms: '4500', listenms: '7000' }),
        placeCall(
          'cafe',
          'answer-speech.xml',
          { greetms: '4000', talkms: '3000', listenms: '7000' },
          {
            file: `${SOUNDS}/es_MX_f_Allison/auth-thankyou.wav`,
            padS: 2,
          },
        ),
        placeCall(
          'technician',
          'answer-ptt.xml',
          { greetms: '7500', talkms: '2500', listenms: '7000' },
          {
            file: `${SOUNDS}/en_US_f_Allison/please-try-call-later.wav`,
            padS: 0.2,
          },
        ),
      ]);
      for (const [index, id] of ['support', 'cafe', 'technician'].entries())
        placed.set(id, calls[index]!);
    });

    after(async () => {
      killChildren();
      await mount?.close();
      await Promise.all([...records.values()].map(({ session }) => session.close()));
      await rm(workDir, { recursive: true, force: true });
    });

    /** The greeting came down the line as speech; the caller's input started a turn the line carried. */
    async function checkCall(
      agentId: string,
      diagnostic: (message: string) => void,
    ): Promise<{ userText: string; replyText: string }> {
      const { line, result, record } = placed.get(agentId)!;
      assert.equal(result.code, 0, `sipp failed:\n${result.stdout.slice(-1500)}\n${result.stderr}`);
      assert.equal(record.session.outputSampleRate, 8000);
      const firstAudio = record.events.find(({ event }) => event.type === 'agent.audio');
      assert.ok(firstAudio?.event.type === 'agent.audio', 'the agent spoke');
      const greetingTurn = firstAudio.event.turnId;
      const reply = record.events.find(
        ({ event }) => event.type === 'turn.start' && event.userText !== '',
      );
      assert.ok(reply?.event.type === 'turn.start', `the caller's input started a turn`);
      const replyTurn = reply.event.turnId;
      assert.notEqual(replyTurn, greetingTurn);

      const greeting = spoken(record, greetingTurn);
      const heardGreeting = line.audio(0, reply.atMs);
      assert.ok(greeting.length >= 8000, `greeting of ${greeting.length} samples`);
      assert.ok(
        rms(heardGreeting) > 300,
        `greeting rms on the line ${rms(heardGreeting).toFixed(0)}`,
      );
      const greetingSpeechMs = await speechMsIn(heardGreeting);
      assert.ok(
        greetingSpeechMs > 700,
        `Silero heard ${greetingSpeechMs} ms of speech in the greeting`,
      );
      const greetingScore = bestCorrelation(heardGreeting, greeting.subarray(2000, 4400));
      assert.ok(greetingScore > 0.9, `greeting correlation ${greetingScore.toFixed(3)}`);

      const answer = spoken(record, replyTurn);
      const heardAnswer = line.audio(reply.atMs);
      assert.ok(answer.length >= 4000, `reply of ${answer.length} samples`);
      const answerScore = bestCorrelation(heardAnswer, answer.subarray(800, 3200));
      assert.ok(answerScore > 0.9, `reply correlation ${answerScore.toFixed(3)}`);
      assert.ok(rms(heardAnswer) > 300, `reply rms on the line ${rms(heardAnswer).toFixed(0)}`);
      assert.equal(mount.activeCalls, 0, 'the BYE ended the call');
      const firstReplyPacket = line.packets.find((packet) => packet.atMs >= reply.atMs);
      const replyText = text(record, replyTurn);
      // Figures for the record (not asserted: this machine's load decides them).
      diagnostic(
        `${agentId}: heard "${reply.event.userText}", replied "${replyText}"; ` +
          `turn start → first reply packet ${(firstReplyPacket!.atMs - reply.atMs).toFixed(0)} ms; ` +
          `greeting ${(greeting.length / 8).toFixed(0)} ms, ${greetingSpeechMs} ms of it speech`,
      );
      return { userText: reply.event.userText, replyText };
    }

    it('support greets the caller and looks up the order number typed on the keypad', async (t) => {
      const { userText, replyText } = await checkCall('support', (m) => t.diagnostic(m));
      assert.equal(userText, 'My order number is 4571.');
      // An anonymous caller is asked for the order's postcode before anything is disclosed.
      assert.match(replyText, /order 4 5 7 1/, `support replied "${replyText}"`);
      assert.match(replyText, /postcode/, `support replied "${replyText}"`);
    });

    it('the café greets in Spanish and answers what the caller said', async (t) => {
      const { replyText } = await checkCall('cafe', (m) => t.diagnostic(m));
      assert.ok(placed.get('cafe')!.record.session.agent.greeting!.startsWith('Buenos días'));
      assert.ok(replyText.length > 0, 'a spoken reply');
    });

    it('the technician tells the caller to press star, hears only the star-to-pound turn and answers it', async (t) => {
      const { record } = placed.get('technician')!;
      assert.match(record.session.agent.greeting ?? '', /Press star to talk/);
      const { replyText } = await checkCall('technician', (m) => t.diagnostic(m));
      assert.ok(replyText.length > 0, 'a spoken reply');
      const turns = record.events.filter(
        ({ event }) => event.type === 'turn.start' && event.userText !== '',
      );
      assert.equal(turns.length, 1, 'the speech before the star was not heard');
    });
  },
);
