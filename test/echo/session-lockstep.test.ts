/**
 * The session with the offline engines (Silero VAD, pocketsphinx, espeak-ng, the scripted
 * dialogue) and the echo canceller, on a virtual clock in lockstep with a speakerphone room:
 * every 20 ms the agent audio sent is played, the microphone's 20 ms (echo at -9 dB, 60 ms,
 * reverb, noise) goes into the session, and time moves on only once the engines have taken it.
 * Load on the machine cannot make the server fall behind here, so this is the strict check.
 * PARLEY_ECHO_REPLIES sets the number of replies (default 10 to keep the suite short; 20, the
 * issue's goal, passed too: 80 s at load 10).
 *
 * The person talking over the agent speaks in three voices, none of them the agent's: flite
 * kal16 (the voice the echo stage's first session wiring was checked with), flite slt, and
 * RHVoice bdl, held out. Nothing in the echo stage was tuned on slt or bdl.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createEchoCanceller } from '../../src/audio/echo/index.ts';
import { createLocalModels } from '../../src/server/local-models.ts';
import { createSession } from '../../src/conversation/index.ts';
import type { Session } from '../../src/conversation/types.ts';
import type { SessionEvent } from '../../src/spec/events.ts';
import { VirtualClock } from '../../src/testing/virtual-clock.ts';
import { ECHO_AGENT, LONG_QUESTION, LONG_REPLY, SHORT_QUESTION } from './echo-agent.ts';
import { MIC_RATE, pinkNoise, roomImpulseResponse, speech, voiceSpeech } from './echo-audio.ts';
import { Room } from './room.ts';

const REPLIES = Number(process.env['PARLEY_ECHO_REPLIES'] ?? 10);
const BARGE_IN = 'stop, what time do you close';

/** The person's voices: two the wiring was checked on, one held out. */
const USER_VOICES = [
  { name: 'flite kal16', heldOut: false, say: () => speech(BARGE_IN, 'flite', MIC_RATE) },
  { name: 'flite slt', heldOut: false, say: () => voiceSpeech(BARGE_IN, 'flite-slt', MIC_RATE) },
  { name: 'RHVoice bdl', heldOut: true, say: () => voiceSpeech(BARGE_IN, 'rhvoice-bdl', MIC_RATE) },
] as const;

const selfInterruption = (event: SessionEvent) =>
  event.type === 'agent.paused' ||
  event.type === 'interrupt' ||
  event.type === 'user.speech-start' ||
  event.type === 'transcript.interim' ||
  (event.type === 'transcript.final' && event.text !== SHORT_QUESTION) ||
  (event.type === 'turn.start' && event.userText !== SHORT_QUESTION);

describe(
  'echo in the session on a virtual clock (speakerphone at -9 dB, 60 ms, reverb, noise)',
  {
    timeout: 300_000,
  },
  () => {
    const clock = new VirtualClock();
    const events: (SessionEvent & { readonly atMs: number })[] = [];
    let session: Session;
    let room: Room;

    before(async () => {
      room = new Room({
        impulseResponse: await roomImpulseResponse(50, -9, 100),
        delayMs: 60,
        noise: Int16Array.from(await pinkNoise(10 * MIC_RATE, -60), Math.round),
      });
      session = createSession({
        agent: ECHO_AGENT,
        models: createLocalModels(ECHO_AGENT),
        clock,
        echoCanceller: createEchoCanceller({ sampleRate: MIC_RATE }),
      });
      session.subscribe((event) => {
        events.push({ ...event, atMs: clock.now() });
        if (event.type === 'agent.audio') room.receive(event.chunk.samples, event.offsetMs === 0);
        else if (event.type === 'interrupt') room.flush();
      });
    });

    after(async () => {
      await session?.close();
    });

    /** 20 ms of the world: play, hear, report playback, let the engines work, move time on. */
    async function step(turnId: number | undefined): Promise<void> {
      session.pushAudio({ samples: room.step(), sampleRate: MIC_RATE });
      if (turnId !== undefined && Math.round(clock.now()) % 100 === 0)
        session.setPlaybackPosition(turnId, room.playedMs);
      await sleep(3);
      await clock.advance(20);
    }

    async function until(
      predicate: () => boolean,
      limitMs: number,
      turnId?: () => number | undefined,
    ) {
      const endMs = clock.now() + limitMs;
      while (!predicate()) {
        if (clock.now() > endMs) throw new Error(`timed out; events: ${describeEvents(events)}`);
        await step(turnId?.());
      }
    }

    /** Lets the agent finish what it says and the room fall quiet. */
    async function settle(from: number) {
      const turnId = () => lastTurnId(events.slice(from));
      // Time for the person's turn to end and its answer to begin: the answer can begin more
      // than 2 s after the interrupt (a long barge-in, its end of turn), and a test that sent
      // its question over it interrupted it instead (flite slt, RHVoice bdl at load ~2).
      const answered = () =>
        events.slice(from).some((e) => e.type === 'turn.start' && e.userText !== LONG_QUESTION);
      const settleFromMs = clock.now();
      for (let i = 0; i < 100; i++) await step(turnId());
      await until(
        () => turnEnded(from) && (answered() || clock.now() - settleFromMs > 6_000),
        20_000,
        turnId,
      );
      await until(() => room.queuedSamples === 0, 5_000, turnId);
      for (let i = 0; i < 30; i++) await step(undefined);
    }
    const turnEnded = (from: number) => {
      const started = events.slice(from).filter((e) => e.type === 'turn.start').length;
      return events.slice(from).filter((e) => e.type === 'turn.end').length >= started;
    };

    // Was todo at stop 24: under load ~2 s into some replies the echo share of echo alone fell to
    // ~0.2. The cause: the TTS falling behind ran the client's playback dry mid-reply, and the
    // resampler's held 1 ms came out in front of the resumed audio, moving the canceller's
    // reference 1 ms against the echo (see src/audio/echo/far-end-input.ts and the pure
    // test/echo/alignment-replies.test.ts). 20 of 20 replies passed at load 10 (15:40 UTC).
    it(`takes none of ${REPLIES} replies heard back for the user`, async () => {
      const from = events.length;
      for (let reply = 0; reply < REPLIES; reply++) {
        const before = events.length;
        session.sendText(SHORT_QUESTION);
        const turn = () => events.slice(before).find((e) => e.type === 'turn.start');
        const turnId = () =>
          turn()?.type === 'turn.start' ? (turn() as { turnId: number }).turnId : undefined;
        await until(() => events.slice(before).some((e) => e.type === 'turn.end'), 20_000, turnId);
        await until(() => room.queuedSamples === 0, 5_000, turnId);
        for (let i = 0; i < 30; i++) await step(undefined);
      }
      const problems = events.slice(from).filter(selfInterruption);
      assert.deepEqual(
        problems.map((e) => `${e.atMs} ${e.type}`),
        [],
        describeEvents(events.slice(from)),
      );
    });

    for (const voice of USER_VOICES) {
      const label = voice.heldOut ? `${voice.name}, held out` : voice.name;
      it(`is still interrupted by a person talking over the echo (${label}), keeping only the heard words`, async () => {
        const user = await voice.say();
        const before = events.length;
        session.sendText(LONG_QUESTION);
        const started = () => events.slice(before).find((e) => e.type === 'agent.audio.start');
        const turnId = () => (started() as { turnId: number } | undefined)?.turnId;
        await until(() => started() !== undefined, 10_000, turnId);
        for (let i = 0; i < 75; i++) await step(turnId());
        room.talk(user);
        const talkedAtMs = clock.now();
        await until(() => events.slice(before).some((e) => e.type === 'interrupt'), 10_000, turnId);
        const interrupt = events.slice(before).find((e) => e.type === 'interrupt');
        assert.ok(interrupt?.type === 'interrupt');
        const heard = interrupt.heardText.toLowerCase().replace(/[.…]+$/, '');
        assert.ok(
          heard.length > 0 && LONG_REPLY.toLowerCase().startsWith(heard),
          `heard "${interrupt.heardText}"`,
        );
        assert.ok(heard.length < LONG_REPLY.length, `heard all of "${interrupt.heardText}"`);
        const interruptAtMs = events.slice(before).find((e) => e.type === 'interrupt')?.atMs ?? 0;
        assert.ok(interruptAtMs >= talkedAtMs, 'interrupted by the person, not before');
        await settle(before);
      });
    }
  },
);

function lastTurnId(events: readonly SessionEvent[]): number | undefined {
  const started = events.filter((e) => e.type === 'agent.audio.start').at(-1);
  return started?.type === 'agent.audio.start' ? started.turnId : undefined;
}

function describeEvents(events: readonly (SessionEvent & { atMs: number })[]): string {
  return events
    .filter((e) => e.type !== 'agent.audio' && e.type !== 'agent.word')
    .map((e) => `${e.atMs} ${JSON.stringify({ ...e, atMs: undefined }).slice(0, 120)}`)
    .join('\n');
}
