/**
 * The echo bench's session runs: the offline stack in its own server process, a speakerphone
 * client (test/echo/room-client.ts) at -9 dB, 60 ms, with reverb and noise. Counts replies with
 * any sign of self-interruption, with or without the canceller, then times a real barge-in.
 */
import type { ServerMessage } from '../src/transport/messages.ts';
import { LONG_QUESTION, SHORT_QUESTION, ECHO_AGENT } from '../test/echo/echo-agent.ts';
import { MIC_RATE, pinkNoise, roomImpulseResponse, speech } from '../test/echo/echo-audio.ts';
import { RoomClient } from '../test/echo/room-client.ts';
import { spawnEchoServer } from '../test/echo/spawn-echo-server.ts';

export interface SessionEchoRun {
  readonly replies: number;
  /** Replies during which the agent paused, was interrupted or took its echo for a turn. */
  readonly selfInterruptedReplies: number;
  /** Times playback ran dry mid-reply (the server fell behind real time): taints the run. */
  readonly underruns: number;
  /** interruptMs of the real barge-in (speech onset → agent silent), when measured. */
  readonly bargeInInterruptMs: number | undefined;
}

const selfInterruption = (m: ServerMessage) =>
  m.type === 'agent.paused' ||
  m.type === 'interrupt' ||
  m.type === 'user.speech-start' ||
  m.type === 'transcript.interim' ||
  (m.type === 'transcript.final' && m.text !== SHORT_QUESTION && m.text !== LONG_QUESTION) ||
  (m.type === 'turn.start' && m.userText !== SHORT_QUESTION && m.userText !== LONG_QUESTION);

export async function runSessionEcho(canceller: boolean, replies: number): Promise<SessionEchoRun> {
  const server = await spawnEchoServer(canceller);
  let client: RoomClient | undefined;
  try {
    client = await RoomClient.open(server.url, ECHO_AGENT.id, {
      impulseResponse: await roomImpulseResponse(50, -9, 100),
      delayMs: 60,
      noise: Int16Array.from(await pinkNoise(10 * MIC_RATE, -60), Math.round),
    });
    let selfInterruptedReplies = 0;
    for (let reply = 0; reply < replies; reply++) {
      const before = client.messages.length;
      client.sendText(SHORT_QUESTION);
      const started = await client
        .waitFor((m) => m.type === 'turn.start' && m.userText === SHORT_QUESTION, 10_000, before)
        .catch(() => undefined);
      if (started?.type === 'turn.start') {
        await client
          .waitFor((m) => m.type === 'turn.end' && m.turnId === started.turnId, 20_000, before)
          .catch(() => undefined);
      }
      await client.drain(400);
      if (client.messages.slice(before).some((m) => selfInterruption(m.message)))
        selfInterruptedReplies++;
    }
    return {
      replies,
      selfInterruptedReplies,
      underruns: client.underruns,
      bargeInInterruptMs: canceller ? await timeBargeIn(client) : undefined,
    };
  } finally {
    await client?.close();
    await server.stop();
  }
}

async function timeBargeIn(client: RoomClient): Promise<number | undefined> {
  const user = await speech('stop, what time do you close', 'flite', MIC_RATE);
  const before = client.messages.length;
  client.sendText(LONG_QUESTION);
  await client.waitFor((m) => m.type === 'agent.audio.start', 10_000, before);
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  client.talk(user);
  const metrics = await client
    .waitFor((m) => m.type === 'metrics.turn' && m.metrics.interrupted, 15_000, before)
    .catch(() => undefined);
  return metrics?.type === 'metrics.turn' ? metrics.metrics.interruptMs : undefined;
}
