/**
 * The whole path through the WebSocket server with the offline engines (Silero VAD,
 * pocketsphinx, espeak-ng, the scripted dialogue): a speakerphone client with no echo
 * cancellation hears the agent's replies back at -9 dB, 60 ms late, with room reverb and
 * noise. With the server-side canceller the agent never pauses, is never interrupted and takes
 * none of its own words for a user turn; a real person talking over the echo still interrupts
 * it, and the interrupted reply keeps only what was heard.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it, type TestContext } from 'node:test';
import type { ServerMessage } from '../../src/transport/messages.ts';
import { ECHO_AGENT, LONG_QUESTION, LONG_REPLY, SHORT_QUESTION } from './echo-agent.ts';
import { MIC_RATE, pinkNoise, roomImpulseResponse, speech } from './echo-audio.ts';
import { RoomClient } from './room-client.ts';
import { spawnEchoServer, type EchoServerProcess } from './spawn-echo-server.ts';

const REPLIES = Number(process.env['PARLEY_ECHO_REPLIES'] ?? 4);
/** What would show the agent took its own voice for the user. */
const isSelfInterruption = (message: ServerMessage, typed: ReadonlySet<string>) =>
  message.type === 'agent.paused' ||
  message.type === 'interrupt' ||
  message.type === 'user.speech-start' ||
  message.type === 'transcript.interim' ||
  (message.type === 'transcript.final' && !typed.has(message.text)) ||
  (message.type === 'turn.start' && !typed.has(message.userText));

/**
 * The server could not keep real time (its audio reached the client late, so playback ran dry
 * mid-reply): the echo path then jumps by hundreds of ms at every stall, which no deployment
 * that keeps real time sees. Such a run says nothing either way; it is reported and skipped.
 */
function skipWhenLate(t: TestContext, underruns: number): boolean {
  if (underruns === 0) return false;
  t.skip(`inconclusive: the server fell behind real time (${underruns} playback underruns)`);
  return true;
}

describe(
  'echo through the WebSocket session (speakerphone at -9 dB, 60 ms, reverb, noise)',
  { timeout: 120_000 },
  () => {
    let server: EchoServerProcess | undefined;
    let client: RoomClient;

    before(async () => {
      server = await spawnEchoServer(true);
      const noise = await pinkNoise(10 * MIC_RATE, -60);
      client = await RoomClient.open(server.url, ECHO_AGENT.id, {
        impulseResponse: await roomImpulseResponse(50, -9, 100),
        delayMs: 60,
        noise: Int16Array.from(noise, Math.round),
      });
    });

    after(async () => {
      await client?.close();
      await server?.stop();
    });

    // Not yet seen passing: on the shared 2-core machine it was written on (load 15-25) the
    // server fell behind real time in every run. test/echo/session-lockstep.test.ts checks the
    // same on a virtual clock and passes; this one stays todo until seen passing in real time.
    const known = 'unverified in real time: the server fell behind on every run so far';
    it(
      `hears ${REPLIES} replies come back through the microphone without pausing, interrupting or taking a turn`,
      { todo: known },
      async (t) => {
        const typed = new Set([SHORT_QUESTION]);
        const from = client.messages.length;
        let failure: Error | undefined;
        try {
          for (let reply = 0; reply < REPLIES; reply++) {
            const before = client.messages.length;
            client.sendText(SHORT_QUESTION);
            const started = (await client.waitFor(
              (m) => m.type === 'turn.start' && m.userText === SHORT_QUESTION,
              10_000,
              before,
            )) as Extract<ServerMessage, { type: 'turn.start' }>;
            await client.waitFor(
              (m) => m.type === 'turn.end' && m.turnId === started.turnId,
              20_000,
              before,
            );
            await client.drain(400);
          }
        } catch (error: unknown) {
          failure = error instanceof Error ? error : new Error(String(error));
        }
        const problems = client.messages
          .slice(from)
          .filter((m) => isSelfInterruption(m.message, typed));
        t.diagnostic(
          `self-interruptions over ${REPLIES} replies: ${problems.length}; playback underruns: ${client.underruns}; mic frames lost to stalls: ${client.skippedFrames}`,
        );
        if (skipWhenLate(t, client.underruns)) return;
        assert.deepEqual(problems, [], client.describe());
        if (failure !== undefined) throw failure;
      },
    );

    it(
      'is still interrupted by a person talking over the echo, keeping only the heard words',
      { todo: known },
      async (t) => {
        const underrunsBefore = client.underruns;
        try {
          await bargeInOverEcho(client);
        } catch (error: unknown) {
          if (skipWhenLate(t, client.underruns - underrunsBefore)) return;
          throw error;
        }
      },
    );
  },
);

/** The long reply, a person talking over its echo 1.5 s in: paused, then cut at what was heard. */
async function bargeInOverEcho(client: RoomClient): Promise<void> {
  const user = await speech('stop, what time do you close', 'flite', MIC_RATE);
  const before = client.messages.length;
  client.sendText(LONG_QUESTION);
  const started = (await client.waitFor(
    (m) => m.type === 'turn.start' && m.userText === LONG_QUESTION,
    10_000,
    before,
  )) as Extract<ServerMessage, { type: 'turn.start' }>;
  const turnId = started.turnId;
  await client.waitFor(
    (m) => m.type === 'agent.audio.start' && m.turnId === turnId,
    10_000,
    before,
  );
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  const talkedAtMs = client.nowMs();
  client.talk(user);
  const interrupt = (await client.waitFor(
    (m) => m.type === 'interrupt' && m.turnId === turnId,
    10_000,
    before,
  )) as Extract<ServerMessage, { type: 'interrupt' }>;
  const heard = interrupt.heardText.toLowerCase().replace(/[.…]+$/, '');
  assert.ok(heard.length > 0 && heard.length < LONG_REPLY.length, `heard "${interrupt.heardText}"`);
  assert.ok(
    LONG_REPLY.toLowerCase().startsWith(heard),
    `"${interrupt.heardText}" starts the reply`,
  );
  const paused = client.messages.find(
    (m) => m.atMs >= talkedAtMs && m.message.type === 'agent.paused' && m.message.turnId === turnId,
  );
  assert.ok(paused, client.describe());
}
