/**
 * The canceller at the telephone's rate (8 kHz), where it is on by default: a phone line has no
 * client echo cancellation, and its playback reports are the transport's marks, in whole ms.
 * The other echo tests run at 16 kHz; the 150 Hz high-pass, the DC notch the seat refinement
 * copies from speex (radius 0.9 below 12 kHz) and the seat logic are exercised here at 8 kHz,
 * with replies that start playing a fraction of a ms apart and a person talking over one
 * (flite kal16, and RHVoice bdl held out, at the line's rate; judged as the session's echo stage
 * judges a VAD onset).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OWN_VOICE_THRESHOLD } from '../../src/audio/echo/own-voice.ts';
import { createSpeexEchoCanceller } from '../../src/audio/echo/speex-canceller.ts';
import { AGENT_RATE, pinkNoise, roomImpulseResponse, speech, voiceSpeech } from './echo-audio.ts';
import { lowestEchoShares } from './lowest-share.ts';
import { heardAfterMs, pacedEchoInput } from './paced-echo-input.ts';
import { runPacedReplies, type PacedReply } from './paced-replies.ts';
import type { RoomAcoustics } from './room.ts';
import { soundStartMs } from './sound-start.ts';
import { spokenBeforeAll } from './spoken-before.ts';

const LINE_RATE = 8_000;
const REPLY = 'We are open from seven until nine, every day, and on Sundays until noon.';
/** Where each reply starts playing against the last, ms (whole ms reports leave it unsaid). */
const OFFSETS_MS = [0, 17.3, 0.4, 33.1, 8.6];
const CONDITIONS = [
  { voice: 'espeak', gainDb: -9, delayMs: 60 },
  { voice: 'flite', gainDb: -3, delayMs: 20 },
] as const;

/** The 16 kHz room of the other tests taken to 8 kHz (each pair of taps or samples averaged). */
function halved(samples: Float64Array): Float64Array {
  return Float64Array.from({ length: samples.length >> 1 }, (_, i) => {
    const pair = samples[2 * i]! + samples[2 * i + 1]!;
    return pair / 2;
  });
}

async function lineAcoustics(gainDb: number, delayMs: number): Promise<RoomAcoustics> {
  // A tap pair summed, not averaged: the 8 kHz path passes as much of the echo as 16 kHz's.
  const impulse16k = await roomImpulseResponse(50, gainDb, 100);
  return {
    impulseResponse: Float64Array.from(halved(impulse16k), (tap) => tap * 2),
    delayMs,
    noise: Int16Array.from(halved(await pinkNoise(20 * 16_000, -60)), Math.round),
    micRate: LINE_RATE,
  };
}

const BARGE_IN = 'stop, what time do you close';
/** The person on the line; RHVoice bdl is held out (tuning is on flite). */
const PEOPLE = [
  { name: 'flite kal16', say: () => speech(BARGE_IN, 'flite', LINE_RATE) },
  { name: 'RHVoice bdl, held out', say: () => voiceSpeech(BARGE_IN, 'rhvoice-bdl', LINE_RATE) },
] as const;

const plan = (reply: Int16Array): PacedReply[] =>
  OFFSETS_MS.map((ms) => ({
    parts: [reply],
    startOffsetSamples: Math.round((ms * AGENT_RATE) / 1000),
  }));

describe('echo cancellation at the telephone rate (8 kHz, whole-ms playback reports)', () => {
  const { replies, people } = spokenBeforeAll(REPLY, PEOPLE);

  for (const { voice, gainDb, delayMs } of CONDITIONS) {
    it(`never reads the echo alone as a person (${voice}, ${gainDb} dB, ${delayMs} ms)`, async (t) => {
      const canceller = createSpeexEchoCanceller({ sampleRate: LINE_RATE });
      try {
        const run = runPacedReplies(
          canceller,
          await lineAcoustics(gainDb, delayMs),
          plan(replies[voice]),
          { wholeMsReports: true },
        );
        const lowest = lowestEchoShares(run, 5, -55);
        t.diagnostic(`lowest: ${lowest.map((l) => `${l.share.toFixed(2)}@${l.atMs}`).join(' ')}`);
        for (const [reply, low] of lowest.entries())
          assert.ok(
            low.share >= OWN_VOICE_THRESHOLD,
            `reply ${reply} (${OFFSETS_MS[reply]} ms): share ${low.share.toFixed(2)} at ${low.atMs} ms`,
          );
      } finally {
        canceller.close();
      }
    });

    for (const { name } of PEOPLE)
      it(`hears ${name} talking over a later reply (${voice}, ${gainDb} dB, ${delayMs} ms)`, async (t) => {
        const person = people.get(name)!;
        const onset = { reply: 2, atMs: 1_500, reportAfterMs: 200 };
        const canceller = createSpeexEchoCanceller({ sampleRate: LINE_RATE });
        const stage = pacedEchoInput(canceller, onset);
        try {
          runPacedReplies(
            stage.canceller,
            await lineAcoustics(gainDb, delayMs),
            plan(replies[voice]),
            {
              wholeMsReports: true,
              talker: {
                samples: person,
                reply: onset.reply,
                atMs: onset.atMs - soundStartMs(person, LINE_RATE, -30),
              },
            },
          );
          const heardMs = heardAfterMs(stage, onset.reportAfterMs);
          t.diagnostic(
            `own voice at first: ${stage.ownVoice}, heard ${heardMs} ms after the onset`,
          );
          assert.ok(heardMs <= 1_000, `heard ${heardMs} ms after the onset`);
        } finally {
          canceller.close();
        }
      });
  }
});
