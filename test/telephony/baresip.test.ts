import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { encodeWav, parseWav } from '../../src/audio/wav.ts';
import type { AgentDefinition, Session, SessionEvent } from '../../src/index.ts';
import { createSession } from '../../src/index.ts';
import { DEMO_AGENT } from '../../src/server/demo-agent.ts';
import { createLocalModels } from '../../src/server/local-models.ts';
import { bestCorrelation, dial, readRecording, writeBaresipConfig } from './baresip.ts';
import { killChildren, startSipServer, type SipHarness } from './sip-harness.ts';

const PROMPT = '/usr/share/asterisk/sounds/en_US_f_Allison/privacy-prompt.wav';

/** A phone agent that answers anything it hears (its fallback) so the reply can be found. */
const agent: AgentDefinition = {
  ...DEMO_AGENT,
  id: 'phone-demo',
  greeting: 'Hello, you are through to Parley.',
  dialogue: {
    intents: [{ name: 'hours', examples: ['what time do you open'], reply: 'We open at nine.' }],
    fallbackReply: 'Thank you for calling. I can only tell you our opening hours.',
  },
};

describe('baresip dials in as a real softphone', { timeout: 90_000 }, () => {
  let harness: SipHarness;
  let workDir: string;
  const sessions: Session[] = [];
  const events: SessionEvent[] = [];

  before(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'parley-baresip-'));
    harness = await startSipServer([agent], (options) => {
      const session = createSession({ ...options, models: createLocalModels(options.agent) });
      session.subscribe((event) => events.push(event));
      sessions.push(session);
      return session;
    });
  });

  after(async () => {
    killChildren();
    await harness.close();
    await Promise.all(sessions.map((session) => session.close()));
    await rm(workDir, { recursive: true, force: true });
  });

  it('is answered by the agent, and its recording holds the greeting and the reply', async () => {
    // The microphone: 5 s of quiet line (the greeting plays), a recorded human prompt, then 7 s to listen.
    const prompt = parseWav(await readFile(PROMPT));
    assert.equal(prompt.sampleRate, 8000);
    const mic = new Int16Array(8000 * 5 + prompt.samples.length + 8000 * 7);
    mic.set(prompt.samples, 8000 * 5);
    const micWav = join(workDir, 'mic.wav');
    await writeFile(micWav, encodeWav(mic, 8000));
    const recordings = await writeBaresipConfig(workDir, micWav);

    const result = await dial(workDir, `sip:${agent.id}@127.0.0.1:${harness.server.port}`, 20);
    assert.match(result.stdout + result.stderr, /Call established/, result.stdout.slice(-2000));

    const turns = events.filter((event) => event.type === 'turn.start');
    // A reply begun in a pause of the prompt is retracted (its turn ends `cancelled`) and the
    // whole prompt answered once: the answer is the turn that was not cancelled.
    const cancelled = new Set(
      events.flatMap((event) =>
        event.type === 'turn.end' && event.cancelled ? [event.turnId] : [],
      ),
    );
    const reply = turns.find((turn) => turn.userText !== '' && !cancelled.has(turn.turnId));
    assert.ok(reply, `the agent replied to the caller: ${JSON.stringify(turns)}`);
    const sent = (turnId: number) =>
      Int16Array.from(
        events.flatMap((event) =>
          event.type === 'agent.audio' && event.turnId === turnId
            ? Array.from(event.chunk.samples)
            : [],
        ),
      );
    const firstAudio = events.find((event) => event.type === 'agent.audio.start');
    assert.ok(firstAudio && firstAudio.turnId !== reply.turnId, 'the greeting played first');
    const greeting = sent(firstAudio.turnId);
    const answer = sent(reply.turnId);
    assert.ok(greeting.length > 8000 && answer.length > 8000, 'both turns produced audio');
    const heard = await readRecording(recordings);
    // 400 ms from inside each turn's audio, found again in what the softphone decoded.
    const greetingScore = bestCorrelation(heard, greeting.subarray(4000, 7200));
    const replyScore = bestCorrelation(heard, answer.subarray(4000, 7200));
    assert.ok(greetingScore > 0.9, `greeting correlation ${greetingScore.toFixed(3)}`);
    assert.ok(replyScore > 0.9, `reply correlation ${replyScore.toFixed(3)}`);
    assert.equal(harness.server.stats.activeCalls, 0, 'the hang-up ended the call');
  });
});
