/**
 * Self-interruptions per reply with the offline stack on a virtual clock in lockstep with a
 * speakerphone room (as test/echo/session-lockstep.test.ts): machine load cannot make the
 * session fall behind, so the count is the canceller's and the turn-taking's alone.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { createEchoCanceller } from '../src/audio/echo/index.ts';
import { createLocalModels } from '../src/server/local-models.ts';
import { createSession } from '../src/conversation/index.ts';
import type { SessionEvent } from '../src/spec/events.ts';
import { VirtualClock } from '../src/testing/virtual-clock.ts';
import { ECHO_AGENT, SHORT_QUESTION } from '../test/echo/echo-agent.ts';
import { MIC_RATE, pinkNoise, roomImpulseResponse } from '../test/echo/echo-audio.ts';
import { Room } from '../test/echo/room.ts';

const selfInterruption = (event: SessionEvent) =>
  event.type === 'agent.paused' ||
  event.type === 'interrupt' ||
  event.type === 'user.speech-start' ||
  event.type === 'transcript.interim' ||
  (event.type === 'transcript.final' && event.text !== SHORT_QUESTION) ||
  (event.type === 'turn.start' && event.userText !== SHORT_QUESTION);

export interface LockstepRun {
  /** Replies during which the agent took its own echo for the user in any way. */
  readonly selfInterruptedReplies: number;
  /** Pauses and interrupts of the agent by its own echo, over all replies. */
  readonly pausesAndInterrupts: number;
}

/** The echo path of the speakerphone room. */
export interface LockstepCondition {
  readonly gainDb: number;
  readonly delayMs: number;
}

/** `replies` short replies heard back through the room; what the echo did to them. */
export async function lockstepSelfInterruptions(
  canceller: boolean,
  replies: number,
  condition: LockstepCondition = { gainDb: -9, delayMs: 60 },
): Promise<LockstepRun> {
  const clock = new VirtualClock();
  const room = new Room({
    impulseResponse: await roomImpulseResponse(50, condition.gainDb, 100),
    delayMs: condition.delayMs,
    noise: Int16Array.from(await pinkNoise(10 * MIC_RATE, -60), Math.round),
  });
  const session = createSession({
    agent: ECHO_AGENT,
    models: createLocalModels(ECHO_AGENT),
    clock,
    ...(canceller && { echoCanceller: createEchoCanceller({ sampleRate: MIC_RATE }) }),
  });
  const events: SessionEvent[] = [];
  let turnId: number | undefined;
  session.subscribe((event) => {
    events.push(event);
    if (event.type === 'agent.audio') room.receive(event.chunk.samples, event.offsetMs === 0);
    else if (event.type === 'agent.audio.start') turnId = event.turnId;
    else if (event.type === 'interrupt') room.flush();
  });
  const step = async () => {
    session.pushAudio({ samples: room.step(), sampleRate: MIC_RATE });
    if (turnId !== undefined && Math.round(clock.now()) % 100 === 0)
      session.setPlaybackPosition(turnId, room.playedMs);
    await sleep(3);
    await clock.advance(20);
  };
  let selfInterruptedReplies = 0;
  let pausesAndInterrupts = 0;
  try {
    for (let reply = 0; reply < replies; reply++) {
      const before = events.length;
      session.sendText(SHORT_QUESTION);
      const limitMs = clock.now() + 20_000;
      while (!events.slice(before).some((e) => e.type === 'turn.end') && clock.now() < limitMs)
        await step();
      while (room.queuedSamples > 0 && clock.now() < limitMs) await step();
      for (let i = 0; i < 30; i++) await step();
      if (events.slice(before).some(selfInterruption)) selfInterruptedReplies++;
      pausesAndInterrupts += events
        .slice(before)
        .filter((e) => e.type === 'agent.paused' || e.type === 'interrupt').length;
    }
  } finally {
    await session.close();
  }
  return { selfInterruptedReplies, pausesAndInterrupts };
}
