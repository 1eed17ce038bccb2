/**
 * Echo alone is never taken for a person, wherever a reply falls on the 20 ms grid (no
 * session: the canceller driven as the session drives it, see paced-replies.ts). Each run is
 * one conversation of replies in the agent's voice (espeak-ng or flite) fed back through a
 * room (−3/−9/−20 dB, 20–300 ms, sox reverb, pink noise); each reply starts playing at another
 * sub-frame offset (a different 24 kHz sample phase each time), and every other reply's second
 * part reaches the sender late, so the client's playback runs dry mid-reply and resumes.
 *
 * The check is stricter than the session's: every 100 ms of audible echo (the shortest span
 * the own-voice decision judges an onset on) that the canceller left above the room's noise
 * must have a mean echo share at or above the own-voice threshold, so no VAD onset anywhere in
 * it could pause the agent.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { OWN_VOICE_THRESHOLD } from '../../src/audio/echo/own-voice.ts';
import { createSpeexEchoCanceller } from '../../src/audio/echo/speex-canceller.ts';
import { LONG_REPLY } from './echo-agent.ts';
import { AGENT_RATE, MIC_RATE, pinkNoise, roomImpulseResponse, speech } from './echo-audio.ts';
import { type LowestShare, lowestEchoShares } from './lowest-share.ts';
import { type PacedReply, runPacedReplies } from './paced-replies.ts';

const FIRST_PART = 'We are open from seven until nine,';
const SECOND_PART = 'every day, and on Sundays until noon.';
const REPLIES = 6;
/** The TTS's second part comes this much after the first has been sent (a playback gap). */
const LATE_MS = [40, 120, 200, 80];

/**
 * At -3 dB the last 100 ms of espeak-ng replies read 0.31-0.46 (2 of 6) until the canceller's
 * output was high-passed at 150 Hz: traced, the reply's last "noon" falls to a 75 Hz pitch the
 * filter met nowhere earlier, and speex left it and its 150 Hz harmonic 5-14 dB below the
 * microphone (see speex-canceller.ts). Learning the path gain on the lined-up far end had
 * passed it too, but raised a person's mean share over the echo to 0.43-0.53: not taken.
 * Left: the session's long reply (echo-agent.ts), whose "noon" falls to ~85 Hz with its
 * harmonic at 170 Hz, still reads as a person at its end in rooms 16 and 24 ms late (see
 * LONG_REPLY_TODO below). A 200 Hz high-pass cleared it at 20 ms but heard a held-out person
 * (RHVoice clb, barge-in-gaps.test.ts) 626-646 ms after their onset: not taken.
 */
const CONDITIONS = [
  { gainDb: -3, delayMs: 20, noiseDbfs: -60 },
  { gainDb: -9, delayMs: 60, noiseDbfs: -60 },
  { gainDb: -9, delayMs: 150, noiseDbfs: -50 },
  { gainDb: -20, delayMs: 300, noiseDbfs: -60 },
] as const;

/**
 * A reply the client starts at another sub-frame offset than the last: the filter learnt at
 * the old offset removes little unless the reference is laid where this reply plays. It is
 * laid at each reply's first playback report, read between samples (reports to the µs), and
 * laid again from the first report after the playback ran dry and resumed: the client resumes
 * on its own step, not at the reply's sub-frame offset. Before those two, the replies that ran
 * dry read 0.00-0.02 at 2.4-2.7 s (4 of 12); starting the filter over at each reply instead
 * left a person talking over the first second of every reply unheard.
 */
for (const voice of ['espeak', 'flite'] as const) {
  describe(`echo of ${voice} replies`, () => {
    let parts: [Int16Array, Int16Array] = [new Int16Array(0), new Int16Array(0)];
    before(async () => {
      parts = [
        await speech(FIRST_PART, voice, AGENT_RATE),
        await speech(SECOND_PART, voice, AGENT_RATE),
      ];
    });

    /** Replies, each at `offsetOf(k)` samples into a step, every other one running dry. */
    async function lowestShares(
      condition: (typeof CONDITIONS)[number],
      replies: number,
      offsetOf: (reply: number) => number,
    ) {
      const acoustics = {
        impulseResponse: await roomImpulseResponse(50, condition.gainDb, 100),
        delayMs: condition.delayMs,
        noise: Int16Array.from(await pinkNoise(10 * MIC_RATE, condition.noiseDbfs), Math.round),
      };
      const firstMs = (parts[0].length * 1000) / AGENT_RATE;
      const plan: PacedReply[] = Array.from({ length: replies }, (_, k) => ({
        parts,
        startOffsetSamples: offsetOf(k),
        ...(k % 2 === 1 && { partAtMs: [firstMs - 60 + LATE_MS[(k >> 1) % LATE_MS.length]!] }),
      }));
      const canceller = createSpeexEchoCanceller({ sampleRate: MIC_RATE });
      try {
        return lowestEchoShares(runPacedReplies(canceller, acoustics, plan), 5, -55);
      } finally {
        canceller.close();
      }
    }

    const describeLowest = (lowest: readonly LowestShare[]) =>
      lowest.map((l) => `${l.share.toFixed(2)}@${l.atMs}`).join(' ');

    for (const condition of CONDITIONS) {
      const { gainDb, delayMs, noiseDbfs } = condition;
      const where = `${gainDb} dB, ${delayMs} ms, reverb, noise at ${noiseDbfs} dBFS`;
      it(`is never judged a person when the playback runs dry and resumes (${where})`, async (t) => {
        const lowest = await lowestShares(condition, REPLIES, () => 0);
        t.diagnostic(`lowest 100 ms echo share per reply: ${describeLowest(lowest)}`);
        for (const [reply, low] of lowest.entries())
          assert.ok(
            low.share >= OWN_VOICE_THRESHOLD,
            `reply ${reply}: echo share ${low.share.toFixed(2)} at ${low.atMs} ms`,
          );
      });
    }

    const condition = CONDITIONS[1];
    it(`is never judged a person at any sub-frame offset (${condition.gainDb} dB, ${condition.delayMs} ms)`, async (t) => {
      // 173 samples apart: 0–19.9 ms, and every phase of 24 kHz against 16 kHz.
      const lowest = await lowestShares(condition, REPLIES, (k) => (k * 173) % 480);
      t.diagnostic(`lowest 100 ms echo share per reply: ${describeLowest(lowest)}`);
      for (const [reply, low] of lowest.entries())
        assert.ok(
          low.share >= OWN_VOICE_THRESHOLD,
          `reply ${reply}: echo share ${low.share.toFixed(2)} at ${low.atMs} ms`,
        );
    });
  });
}

/**
 * The long reply's end (see the note on CONDITIONS): its "noon" falls to ~85 Hz, below
 * anything the filter met earlier in the reply. Traced at 20 ms: what is left at 8.30-8.40 s is
 * the 150-200 Hz band (its second harmonic) at -50 dB against -44 dB in the microphone, the
 * filter removing 6 dB of it and 25-30 dB elsewhere; the share reads that as a person. How well
 * speex has learnt that band by then depends on where the echo falls on its taps: with the
 * reference read 0-80 samples back, the first reply's end read 0.29, 0.52, 0.88, 0.97, 0.97,
 * 0.78, 0.89, 0.34, 0.74 (0, 4, 8, 16, 17, 24, 32, 48, 80 samples). With the canceller's output
 * high-passed at 150 Hz, rooms of 8, 16, 24, 32 and 48 ms read 0.30-0.41 at 8.3 s (12 and 20 ms
 * clean); at 200 Hz (speex-tuning.ts HIGH_PASS_HZ) all seven read 0.59-0.79 at their lowest.
 * Tuned on 16 and 24 ms; 8, 32 and 48 ms held out.
 */
describe("echo of the session's long espeak-ng reply at -3 dB", () => {
  for (const delayMs of [8, 16, 20, 24, 32, 48])
    it(`is never judged a person, its end included (${delayMs} ms, three replies, reverb, noise)`, async (t) => {
      const acoustics = {
        impulseResponse: await roomImpulseResponse(50, -3, 100),
        delayMs,
        noise: Int16Array.from(await pinkNoise(10 * MIC_RATE, -60), Math.round),
      };
      const reply = await speech(LONG_REPLY, 'espeak', AGENT_RATE);
      const canceller = createSpeexEchoCanceller({ sampleRate: MIC_RATE });
      try {
        const plan = Array.from({ length: 3 }, () => ({ parts: [reply] }));
        const lowest = lowestEchoShares(runPacedReplies(canceller, acoustics, plan), 5, -55);
        t.diagnostic(`lowest: ${lowest.map((l) => `${l.share.toFixed(2)}@${l.atMs}`).join(' ')}`);
        for (const [k, low] of lowest.entries())
          assert.ok(
            low.share >= OWN_VOICE_THRESHOLD,
            `reply ${k}: echo share ${low.share.toFixed(2)} at ${low.atMs} ms`,
          );
      } finally {
        canceller.close();
      }
    });
});
