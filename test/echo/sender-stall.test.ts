/**
 * A loaded server stalls while a reply plays: its sender sends nothing for a while, then
 * catches up. The WebSocket test's client plays each frame as it comes and its microphone
 * follows the audio it plays (test/echo/paced-client.ts), so nothing is heard missing: the
 * playback has no gap. Traced through the WebSocket (bench/echo-session.ts with
 * PARLEY_ECHO_TRACE=1): where the reply played 20-40 ms after it was laid on the far-end
 * timeline, the canceller took the catch-up for a client that had run dry and laid the rest of
 * the reply that much late; the filter learnt on the reply's seat then removed nothing (ERLE
 * 0 dB) and the echo read as a person 1.0-1.4 s in, once the share trusted the filter again.
 * No session here: the canceller driven as the session drives it (paced-replies.ts).
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { OWN_VOICE_THRESHOLD } from '../../src/audio/echo/own-voice.ts';
import { createSpeexEchoCanceller } from '../../src/audio/echo/speex-canceller.ts';
import { AGENT_RATE, MIC_RATE, pinkNoise, roomImpulseResponse, speech } from './echo-audio.ts';
import { lowestEchoShares } from './lowest-share.ts';
import { type PacedReply, runPacedReplies } from './paced-replies.ts';

const FIRST_PART = 'We are open from seven until nine,';
const SECOND_PART = 'every day, and on Sundays until noon.';
/**
 * Where each reply plays against where it was laid (whole steps, as through the WebSocket).
 * The first reply, where the filter first learns the room, is judged in its own test below.
 */
const OFFSETS_MS = [0, 20, 40, 20, 0, 40];
/**
 * The first reply at -3 dB, 300 ms reads 0.10 at 2.7 s, stalled or not: the filter moved to
 * the path found 300 ms back starts over, and 1 s later the share trusts it before it has
 * converged. Trusted after 2 s it read 0.60, but a person talking 2.2 or 2.8 s into a first
 * reply at -9 dB, 300 ms was then never heard (620-660 ms late at 1 s), so not taken. Through
 * the WebSocket no first reply self-interrupted in 5 runs of 8 replies per condition.
 * Traced since: the share's path gain, learnt while the delay was unknown against the far end
 * held at its peak over a second, is -25 to -30 dB there (-15 learnt on aligned replies), so
 * once the delay is found every echo frame reads as double talk and the residual is never
 * learnt. Setting the path gain from the delay tracker's window when the delay is found (its
 * 25th percentile of near over far) made this reply read 0.60, but cost people: RHVoice clb
 * over a first reply's answer heard 386 -> 646 ms late (barge-in-gaps.test.ts), 2 of 12
 * double-talk cases read as echo; not taken.
 * Tried next (commit 3c62a36, taken out in 567e430 and 3e6afa4): the share's levels kept until
 * the first estimate and learnt on afresh then, far end laid at the found delay (two passes:
 * the path gain, then the residual with double talk known). This reply 0.08 -> 0.60, flite
 * played 240 ms late 0.47 -> 1.00 (late-first-reply), reply-offsets' two first-reply todos
 * pass, relearn 1.4-8 ms CPU once per session (load 8). The cost: people over a first reply
 * through the WebSocket (bench/barge-over-echo.ts, 2 runs each) onset -> paused 242 / 259 ->
 * 1102 / 596 ms. Judging take-overs by the energy the canceller left brought them back (224 /
 * 141 ms, once the take-over reports the share it was judged on), but session-lockstep then
 * paused on echo in 2 of 7 runs (3 of 3 when the first reply's re-judged window was weighed by
 * energy too: a chunk at -44 dB read 0.00 among echo read 1.00), and the energy take-over
 * without the relearn did so in 1 of 5 (base 0 of 4).
 */
const FIRST_REPLY_TODO = 'the first reply at -3 dB, 300 ms reads 0.10 at 2.7 s (stalled or not)';
/** When the sender stalls in each reply, ms after its first frame. */
const STALL_AT_MS = [300, 500, 700, 400, 600, 250];

const CONDITIONS = [
  { voice: 'espeak', gainDb: -9, delayMs: 150 },
  { voice: 'flite', gainDb: -3, delayMs: 300 },
  { voice: 'flite', gainDb: -9, delayMs: 60 },
] as const;

describe('replies whose sender stalls and catches up while they play', () => {
  const parts: Record<'espeak' | 'flite', Int16Array[]> = { espeak: [], flite: [] };
  before(async () => {
    for (const voice of ['espeak', 'flite'] as const)
      parts[voice] = [
        await speech(FIRST_PART, voice, AGENT_RATE),
        await speech(SECOND_PART, voice, AGENT_RATE),
      ];
  });

  async function lowestShares(voice: 'espeak' | 'flite', gainDb: number, delayMs: number) {
    const acoustics = {
      impulseResponse: await roomImpulseResponse(50, gainDb, 100),
      delayMs,
      noise: Int16Array.from(await pinkNoise(10 * MIC_RATE, -60), Math.round),
    };
    const plan: PacedReply[] = OFFSETS_MS.map((ms, k) => ({
      parts: parts[voice],
      startOffsetSamples: (ms * AGENT_RATE) / 1000,
      stallAtMs: STALL_AT_MS[k]!,
    }));
    const canceller = createSpeexEchoCanceller({ sampleRate: MIC_RATE });
    try {
      return lowestEchoShares(runPacedReplies(canceller, acoustics, plan), 5, -55);
    } finally {
      canceller.close();
    }
  }

  for (const { voice, gainDb, delayMs } of CONDITIONS)
    it(`are never read as a person after the first (${voice}, ${gainDb} dB, ${delayMs} ms, reverb, noise)`, async (t) => {
      const lowest = await lowestShares(voice, gainDb, delayMs);
      t.diagnostic(`lowest: ${lowest.map((l) => `${l.share.toFixed(2)}@${l.atMs}`).join(' ')}`);
      for (const [reply, low] of lowest.entries())
        if (reply > 0)
          assert.ok(
            low.share >= OWN_VOICE_THRESHOLD,
            `reply ${reply} (${OFFSETS_MS[reply]} ms): share ${low.share.toFixed(2)} at ${low.atMs} ms`,
          );
    });

  it(
    'never reads the first reply at -3 dB, 300 ms as a person (flite)',
    { todo: FIRST_REPLY_TODO },
    async (t) => {
      const [first] = await lowestShares('flite', -3, 300);
      t.diagnostic(`lowest: ${first!.share.toFixed(2)}@${first!.atMs}`);
      assert.ok(
        first!.share >= OWN_VOICE_THRESHOLD,
        `share ${first!.share.toFixed(2)} at ${first!.atMs} ms`,
      );
    },
  );
});
