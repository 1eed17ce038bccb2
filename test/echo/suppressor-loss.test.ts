/**
 * What Speex's residual echo suppressor takes off a person talking over a reply (issue 14).
 * The suppressor takes its residual echo estimate from the adaptive filter; before the filter
 * has learnt the path (a session's first reply) that estimate is its wrong guess at full weight.
 * At full depth from the first frame the worst 200 ms of a first reply lost 4.9 dB (flite kal16
 * over espeak-ng at -3 and -9 dB) and 7.4 dB (RHVoice clb, espeak-ng at -9 dB, 150 ms). The depth
 * now grows with the echo the filter shows it removes (src/audio/echo/suppress-depth.ts): 2.8,
 * 2.6 and 2.4 dB there. Later replies' echo left is unchanged (ERLE within 0.1 dB).
 *
 * The people: flite kal16 (tuned on), RHVoice clb and Pico en-US held out (bench/echo-suppress.ts
 * adds RHVoice bdl and later replies for all). Measured per 200 ms of the reply
 * (suppressor-loss.ts: chunks where the person is at least as loud as the echo the filter
 * leaves, the echo each output leaves alone taken off).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LONG_REPLY } from './echo-agent.ts';
import { AGENT_RATE, MIC_RATE, speech, voiceSpeech } from './echo-audio.ts';
import {
  acousticsFor,
  CONDITIONS,
  describeCondition,
  type EchoCondition,
} from './session-conditions.ts';
import type { RoomAcoustics } from './room.ts';
import { spokenBeforeAll } from './spoken-before.ts';
import { echoAlone, personLoss, replyErleDb, type LossWindow } from './suppressor-loss.ts';

const SAID = 'stop, what time do you close';
const REPLY_SAMPLES = 4 * AGENT_RATE;
const WINDOW_MS = 200;
/** A window is judged on at least this many of the person's 20 ms chunks. */
const MIN_CHUNKS = 4;
/** The goal: a person loses less than this to the suppressor in any window. */
const MAX_LOSS_DB = 3;
/** A later reply's echo left may rise this much over full depth from the start (rounding). */
const ERLE_SLACK_DB = 0.5;

const PEOPLE = [
  { name: 'flite kal16', say: () => speech(SAID, 'flite', MIC_RATE) },
  { name: 'RHVoice clb, held out', say: () => voiceSpeech(SAID, 'rhvoice-clb', MIC_RATE) },
  { name: 'Pico en-US, held out', say: () => voiceSpeech(SAID, 'pico-en-US', MIC_RATE) },
] as const;

/** kal16 talks over every condition's first reply, the held-out voices over two conditions'. */
const HELD_OUT_CONDITIONS = new Set(['espeak -9', 'flite -3']);
/** ...and kal16 over a later reply in three. */
const LATER_REPLY_CONDITIONS = new Set(['espeak -3', 'flite -3', 'flite -20']);
/**
 * Over a later reply the filter has learnt and the suppressor cuts at full depth, as before.
 * Flite -3 dB, 300 ms: kal16 from 300 ms loses 3.7 dB 1.8-2.0 s in, as before (1.7 of it with
 * the echo suppression off, the denoiser's). Cutting the depth on frames the filter removes
 * little of (double talk) took it to 2.4 dB but left 1.7 dB more echo in espeak-ng's -20 dB
 * later reply: not kept.
 */
const LATER_TODO: Record<string, string> = {
  'flite -3': '3.7 dB at 1.8 s, as at full depth from the start',
};
/**
 * Over flite's first reply at -3 dB, 300 ms, kal16 from 1500 ms loses 3.1 dB 2.6-2.8 s in (3.8 at
 * full depth from the start). No suppression before the filter has learnt took it to 2.7 but
 * let the first reply's echo read as a person (suppress-depth.ts).
 */
const FIRST_TODO: Record<string, string> = {
  'flite -3 flite kal16': '3.1 dB at 2.6 s from 1500 ms (3.8 at full depth from the start)',
  // 2.8 dB until the filter's reference was read 17 samples back (speex-tuning.ts
  // LEAST_FEED_SAMPLES): the filter learns the room at another place on its taps.
  'espeak -3 flite kal16': '3.7 dB at 1.4 s from 300 ms (5.0 at full depth from the start)',
};
const todoFor = (todos: Record<string, string>, key: string) => {
  const todo = todos[key];
  return todo === undefined ? {} : { todo };
};

const worst = (windows: readonly LossWindow[]) => {
  const judged = windows.filter((w) => w.personChunks >= MIN_CHUNKS);
  assert.ok(judged.length >= 3, `only ${judged.length} windows of the person to judge`);
  return judged.reduce((a, b) => (b.suppressorDb > a.suppressorDb ? b : a));
};

describe("Speex's residual echo suppressor over a person talking over a reply", () => {
  const { replies, people } = spokenBeforeAll(LONG_REPLY, PEOPLE, REPLY_SAMPLES);

  for (const condition of CONDITIONS)
    describe(describeCondition(condition), () => {
      const key = `${condition.voice} ${condition.gainDb}`;
      const talkers = PEOPLE.filter((_, i) => i === 0 || HELD_OUT_CONDITIONS.has(key));
      let measured: Promise<Measured> | undefined;
      const measure = () => (measured ??= measureEcho(condition, replies[condition.voice]));

      it('leaves no more echo in a later reply than at full depth from the first frame', async () => {
        const { erleDb } = await measure();
        assert.ok(
          erleDb.grown >= erleDb.fixed - ERLE_SLACK_DB,
          `ERLE ${erleDb.grown.toFixed(1)} dB, ${erleDb.fixed.toFixed(1)} at full depth`,
        );
      });

      for (const [index, person] of talkers.entries())
        it(
          `takes less than ${MAX_LOSS_DB} dB off ${person.name} talking over the first reply`,
          todoFor(FIRST_TODO, `${key} ${person.name}`),
          async () => {
            const { acoustics, alone } = await measure();
            for (const atMs of index === 0 ? [300, 1_500] : [300]) {
              const spec = { acoustics, replies: [replies[condition.voice]], reply: 0, atMs };
              const loss = worst(
                personLoss({ ...spec, ...judged(people.get(person.name)!) }, alone),
              );
              assert.ok(
                loss.suppressorDb < MAX_LOSS_DB,
                `from ${atMs} ms: ${loss.suppressorDb.toFixed(1)} dB at ${loss.fromMs} ms`,
              );
            }
          },
        );

      if (LATER_REPLY_CONDITIONS.has(key))
        it(
          `takes less than ${MAX_LOSS_DB} dB off flite kal16 talking over a later reply`,
          todoFor(LATER_TODO, key),
          async () => {
            const { acoustics, alone } = await measure();
            const answer = replies[condition.voice];
            const spec = { acoustics, replies: [answer, answer], reply: 1, atMs: 300 };
            const loss = worst(
              personLoss({ ...spec, ...judged(people.get(PEOPLE[0].name)!) }, alone),
            );
            assert.ok(
              loss.suppressorDb < MAX_LOSS_DB,
              `${loss.suppressorDb.toFixed(1)} dB at ${loss.fromMs} ms`,
            );
          },
        );
    });
});

interface Measured {
  readonly acoustics: RoomAcoustics;
  readonly alone: ReturnType<typeof echoAlone>;
  readonly erleDb: { readonly grown: number; readonly fixed: number };
}

/** The echo alone over two replies: with the depth grown, without the suppressor, at full depth. */
async function measureEcho(condition: EchoCondition, answer: Int16Array): Promise<Measured> {
  const acoustics = await acousticsFor(condition);
  const alone = echoAlone(acoustics, [answer, answer]);
  const fixed = echoAlone(acoustics, [answer, answer], { suppressFollowsFilter: false }).on;
  return {
    acoustics,
    alone,
    erleDb: { grown: replyErleDb(alone.on, 1), fixed: replyErleDb(fixed, 1) },
  };
}

/** A person measured as the goal is judged: every chunk as loud as the echo left, 200 ms windows. */
const judged = (person: Int16Array) => ({ person, windowMs: WINDOW_MS, overEchoDb: 0 });
