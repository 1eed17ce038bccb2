/**
 * Each reply starts playing at another offset against the far end as it was sent: through the
 * WebSocket under load, 0 to 40 ms apart from one reply to the next (traced: 40 ms in reply 1,
 * 0 ms in reply 2). No session here: the canceller driven as the session drives it
 * (paced-replies.ts), with the client's playback reports every 100 ms, deterministic.
 *
 * Before the canceller laid the filter's reference at each reply's reported playback offset,
 * the first half second of every such reply read as a person (lowest 100 ms echo shares
 * 0.02–0.38 in 52 of 56 replies over these conditions and four more; the WebSocket bench's
 * self-interruptions at 73–166 ms into a reply).
 */
import assert from 'node:assert/strict';
import { before, describe, it, type TestContext } from 'node:test';
import { OWN_VOICE_THRESHOLD } from '../../src/audio/echo/own-voice.ts';
import { createSpeexEchoCanceller } from '../../src/audio/echo/speex-canceller.ts';
import { AGENT_RATE, MIC_RATE, pinkNoise, roomImpulseResponse, speech } from './echo-audio.ts';
import { lowestEchoShares } from './lowest-share.ts';
import { soundStartMs } from './sound-start.ts';
import { heardAfterMs, pacedEchoInput } from './paced-echo-input.ts';
import { type PacedReply, runPacedReplies, type PacedOptions } from './paced-replies.ts';

const FIRST_PART = 'We are open from seven until nine,';
const SECOND_PART = 'every day, and on Sundays until noon.';
/**
 * Where each reply starts playing against where it was sent, ms (as traced, and between;
 * fractions of a microphone sample, which the canceller reads the reference at).
 */
const OFFSETS_MS = [0, 40.3, 0.6, 20.45, 39.8, 0.2, 30.7, 10.1];
/** The replies' starts (their first 2 s) are judged here; their ends at -3 dB are alignment-replies' todo. */
const START_MS = 2_000;
const CHUNK_MS = 20;

const CONDITIONS = [
  { voice: 'espeak', gainDb: -3, delayMs: 20 },
  { voice: 'espeak', gainDb: -9, delayMs: 150 },
  { voice: 'flite', gainDb: -3, delayMs: 20 },
  { voice: 'flite', gainDb: -9, delayMs: 60 },
] as const;

/**
 * A client that reports whole ms leaves the seat up to half a ms (8 samples) off where the
 * reply plays, and the filter learnt on the last reply had to converge again: the last flite
 * reply read 0.34 at 1.26 s. The canceller now measures each new seat's shift against the path
 * it learnt (src/audio/echo/seat-refine.ts) and every reply reads 1.00 in its first 2 s.
 * Reported to the µs (the paced clients, and web/src/agent-page.ts), the reference is read
 * between samples at the seat (0.14-0.29 at 1.26-1.3 s in 3 flite replies of 8 with the seat
 * to the µs but read at the nearest sample).
 */
async function acoustics(gainDb: number, delayMs: number) {
  return {
    impulseResponse: await roomImpulseResponse(50, gainDb, 100),
    delayMs,
    noise: Int16Array.from(await pinkNoise(10 * MIC_RATE, -60), Math.round),
  };
}

const plan = (parts: readonly Int16Array[], offsetsMs: readonly number[]): PacedReply[] =>
  offsetsMs.map((ms) => ({ parts, startOffsetSamples: Math.round((ms * AGENT_RATE) / 1000) }));

describe('replies that start playing 0–40 ms apart against the sent audio', () => {
  const parts: Record<'espeak' | 'flite', Int16Array[]> = { espeak: [], flite: [] };
  let person = new Int16Array(0);
  before(async () => {
    for (const voice of ['espeak', 'flite'] as const)
      parts[voice] = [
        await speech(FIRST_PART, voice, AGENT_RATE),
        await speech(SECOND_PART, voice, AGENT_RATE),
      ];
    const said = await speech('stop, what time do you close', 'flite', MIC_RATE);
    person = Int16Array.from(said, (sample) => Math.round(sample / 2));
  });

  const cases = [
    ...CONDITIONS.map((c) => ({ ...c, wholeMsReports: false })),
    { voice: 'flite', gainDb: -3, delayMs: 20, wholeMsReports: true },
    { voice: 'espeak', gainDb: -9, delayMs: 150, wholeMsReports: true },
  ] as const;
  for (const condition of cases) {
    const { voice, gainDb, delayMs, wholeMsReports } = condition;
    const reports = wholeMsReports ? ', reports in whole ms' : '';
    it(`never read as a person in their first 2 s (${voice}, ${gainDb} dB, ${delayMs} ms, reverb, noise${reports})`, async (t) => {
      const canceller = createSpeexEchoCanceller({ sampleRate: MIC_RATE });
      try {
        const run = runPacedReplies(
          canceller,
          await acoustics(gainDb, delayMs),
          plan(parts[voice], OFFSETS_MS),
          { wholeMsReports },
        );
        const starts = {
          ...run,
          // Each reply cut to its first START_MS.
          shares: run.shares.map((s, k) => (inStart(run.replyStarts, k) ? s : 1)),
        };
        assertEchoOnly(t, starts, (reply) => `reply ${reply} (${OFFSETS_MS[reply]} ms)`);
      } finally {
        canceller.close();
      }
    });
  }

  // A loaded server: the first reply of a session played 360 ms after it was sent (traced
  // through the WebSocket at load 8-9: 1 of 120 replies, flite -3 dB, 300 ms). The share's
  // gains, learnt against the far end held over a second while the delay was unknown, predicted
  // too little echo once it was found: 0.16 at 1.68 s (flite) and 0.13 at 3.9 s (espeak-ng).
  // Clean since a first reply is judged by the band envelopes' coherence with the far end until
  // the level model has learnt the room (coherence-share.ts).
  for (const [voice, gainDb, delayMs, todo] of [
    ['flite', -9, 60, undefined],
    ['espeak', -3, 300, undefined],
    ['flite', -20, 20, undefined],
  ] as const)
    it(
      `never read a first reply played 360 ms after it was sent as a person (${voice}, ${gainDb} dB, ${delayMs} ms)`,
      todo === undefined ? {} : { todo },
      async (t) => {
        const canceller = createSpeexEchoCanceller({ sampleRate: MIC_RATE });
        try {
          const run = runPacedReplies(
            canceller,
            await acoustics(gainDb, delayMs),
            plan(parts[voice], [360, 0]),
          );
          assertEchoOnly(t, run, (reply) => `reply ${reply}`);
        } finally {
          canceller.close();
        }
      },
    );

  // Through the WebSocket the paced client plays each frame as it arrives (no playback buffer),
  // so most of its reports say it has played all that was sent, and those were refused as
  // saying nothing of the playback delay. A reply whose every report came so kept the last
  // reply's seat: traced in the bench at load 9-12, flite -9 dB 60 ms, the 8th reply kept a seat
  // of 120 ms, the delay tracker fell 60 -> 0 ms, ERLE 0.1 dB, echo read as a person 1.66 s in.
  // Such a report still bounds the delay (the client may have waited since it played the last
  // sample, never less), and for a client that plays on receipt it is the delay. Before the
  // bound seated them, replies 1 and 3 here kept seats of 120 and 20.46 ms and the flite reply
  // after them read 0.48 at 1.32 s.
  for (const [voice, gainDb, delayMs, todo] of [
    ['flite', -9, 60, undefined],
    // Seated right at 0 ms, a reply played on receipt is fed a reference whose last 1 ms of
    // every 20 ms is not laid yet (the resampler holds it until the next frame is sent). Read
    // there, it was a hole in speex's history of the reference whose echo was never cancelled:
    // 0.42 and 0.16 at 1.72 s in the replies seated at 0 ms. Now the reference is read at least
    // the resampler's hold behind (speex-tuning.ts LEAST_FEED_SAMPLES): 0.80-1.00.
    ['espeak', -3, 20, undefined],
  ] as const)
    it(
      `never read a reply whose every report says all that was sent has played as a person, nor kept the last reply's seat for it (${voice}, ${gainDb} dB, ${delayMs} ms)`,
      todo === undefined ? {} : { todo },
      async (t) => {
        const canceller = createSpeexEchoCanceller({ sampleRate: MIC_RATE });
        try {
          // Reply 1 played 120 ms after it was sent (a loaded server), its reports inside what
          // was sent; then replies played on receipt, at once or 20 ms late.
          const offsetsMs = [120, 0, 20.45, 0];
          const replies = plan(parts[voice], offsetsMs).map((reply, k) =>
            k === 0 ? reply : { ...reply, leadMs: 0 },
          );
          // The seat each reply ended with.
          const seats: (number | undefined)[] = [];
          const run = runPacedReplies(
            {
              ...canceller,
              resetFarEnd: () => (seats.push(canceller.seatMs), canceller.resetFarEnd()),
            },
            await acoustics(gainDb, delayMs),
            replies,
          );
          const starts = {
            ...run,
            shares: run.shares.map((s, k) => (inStart(run.replyStarts, k) ? s : 1)),
          };
          assertEchoOnly(t, starts, (reply) => `reply ${reply} (${offsetsMs[reply]} ms)`);
          t.diagnostic(`seats ${seats.map((s) => s?.toFixed(2)).join(' ')}`);
          for (const [k, seat] of seats.entries())
            assert.ok(
              seat !== undefined && Math.abs(seat - offsetsMs[k]!) < 0.5,
              `reply ${k} (${offsetsMs[k]} ms) seated at ${seat} ms`,
            );
        } finally {
          canceller.close();
        }
      },
    );

  for (const atMs of [60, 120, 300])
    it(`still hear a person who starts talking ${atMs} ms into one (espeak agent at -9 dB, 60 ms, flite person)`, async (t) => {
      const onset = { reply: 1, atMs, reportAfterMs: 200 };
      const canceller = createSpeexEchoCanceller({ sampleRate: MIC_RATE });
      const stage = pacedEchoInput(canceller, onset);
      try {
        const options: PacedOptions = {
          talker: {
            samples: person,
            reply: onset.reply,
            atMs: onset.atMs - soundStartMs(person, MIC_RATE, -30),
          },
        };
        // The second reply plays 40 ms earlier against the sent audio than the first.
        runPacedReplies(
          stage.canceller,
          await acoustics(-9, 60),
          plan(parts.espeak, [40, 0, 20]),
          options,
        );
        const heardMs = heardAfterMs(stage, onset.reportAfterMs);
        t.diagnostic(`own voice at first: ${stage.ownVoice}, heard ${heardMs} ms after the onset`);
        // Heard at once, or (while the canceller is unsure at a reply's start) judged again
        // later while the person is still talking (they talk for 2 s).
        assert.ok(heardMs <= 2_000, `heard ${heardMs} ms after the onset`);
      } finally {
        canceller.close();
      }
    });
});

/** Whether chunk `k` is in the first START_MS of its reply. */
function inStart(replyStarts: readonly number[], k: number): boolean {
  let start = 0;
  for (const s of replyStarts) if (s <= k) start = s;
  return (k - start) * CHUNK_MS < START_MS;
}

/** Every reply's lowest 100 ms echo share reads echo, not a person. */
function assertEchoOnly(
  t: TestContext,
  run: Parameters<typeof lowestEchoShares>[0],
  name: (reply: number) => string,
): void {
  const lowest = lowestEchoShares(run, 5, -55);
  t.diagnostic(`lowest: ${lowest.map((l) => `${l.share.toFixed(2)}@${l.atMs}`).join(' ')}`);
  for (const [reply, low] of lowest.entries())
    assert.ok(
      low.share >= OWN_VOICE_THRESHOLD,
      `${name(reply)}: share ${low.share.toFixed(2)} at ${low.atMs} ms`,
    );
}
