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
 * The first reply at -3 dB, 300 ms read 0.08-0.10 at 2.7 s, stalled or not. The share's path
 * gain, learnt while the delay was unknown against the far end held at its peak, sat at -25 to
 * -30 dB (-15 on aligned replies): once the delay was found every echo frame read as double
 * talk and the residual was never learnt. Fixes of that level model (trusting the filter
 * later; the path gain from the tracker's window; relearning 2 s at the found delay, commit
 * 3c62a36) cleaned this reply but slowed people over a first reply (RHVoice clb 386 -> 646 ms;
 * through the WebSocket 242 / 259 -> 1102 / 596 ms). Since the band envelopes' coherence with
 * the far end decides a session's first reply (src/audio/echo/coherence-share.ts): 0.57 at
 * 2.7 s, people over a first reply heard 226-326 ms after their first sound (barge-in-gaps).
 */
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

  it('never reads the first reply at -3 dB, 300 ms as a person (flite)', async (t) => {
    const [first] = await lowestShares('flite', -3, 300);
    t.diagnostic(`lowest: ${first!.share.toFixed(2)}@${first!.atMs}`);
    assert.ok(
      first!.share >= OWN_VOICE_THRESHOLD,
      `share ${first!.share.toFixed(2)} at ${first!.atMs} ms`,
    );
  });
});
