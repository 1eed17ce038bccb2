/**
 * A person talking over the very start of a reply that plays at another offset than the last
 * (a later reply of a session: the client starts each at its own sub-frame offset, 0-40 ms
 * apart under load). No session here: the canceller and the session's echo stage driven as the
 * session drives them (paced-replies.ts, paced-echo-input.ts), deterministic but for the noise.
 *
 * Until a reply's new seat is trusted, the echo share assumes the canceller removes nothing and
 * reads a person as echo. It was trusted 1.05 s after the seat, the time a filter takes to
 * converge again to a seat reported in whole ms (up to half a ms off). It is now trusted past
 * the filter's length once what the filter leaves has not risen since the seat
 * (src/audio/echo/seat-fit.ts). Espeak-ng at -9 dB, 150 ms (the session test's condition),
 * heard after their first sound, before -> after: flite kal16 1280/2080 -> 780/780 ms, RHVoice
 * bdl 1120/1940 -> 1120/840, Pico 1100/1400 -> 760/1400 (talking 100/300 ms into the reply).
 * What bounds it now: the session's echo stage looks again at an onset taken for echo only once
 * 500 ms of the reply was sent (src/conversation/echo-input.ts), and the voices' first word is
 * as loud as the echo.
 *
 * The people: flite kal16, and RHVoice bdl and Pico en-US, held out.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { createSpeexEchoCanceller } from '../../src/audio/echo/speex-canceller.ts';
import { SHORT_REPLY } from './echo-agent.ts';
import { AGENT_RATE, MIC_RATE, speech, voiceSpeech } from './echo-audio.ts';
import { heardAfterMs, pacedEchoInput } from './paced-echo-input.ts';
import { runPacedReplies } from './paced-replies.ts';
import { acousticsFor, type EchoCondition } from './session-conditions.ts';
import { soundStartMs } from './sound-start.ts';

const SAID = 'stop, what time do you close';
const CONDITION: EchoCondition = { voice: 'espeak', gainDb: -9, delayMs: 150 };
/** Where each reply starts playing against where it was sent, ms (the second is judged). */
const OFFSETS_MS = [0, 30.2];
/** The VAD's report comes this long after the onset. */
const VAD_DELAY_MS = 200;
/** Heard within this long of their first sound (1.1-2.1 s before, 0.76-1.4 s now). */
const HEARD_WITHIN_MS = 1_500;

const PEOPLE = [
  { name: 'flite kal16', say: () => speech(SAID, 'flite', MIC_RATE) },
  { name: 'RHVoice bdl, held out', say: () => voiceSpeech(SAID, 'rhvoice-bdl', MIC_RATE) },
  { name: 'Pico en-US, held out', say: () => voiceSpeech(SAID, 'pico-en-US', MIC_RATE) },
] as const;

describe('a person talking over the start of a later reply', () => {
  let reply: Int16Array = new Int16Array(0);
  const people = new Map<string, Int16Array>();
  before(async () => {
    reply = await speech(SHORT_REPLY, CONDITION.voice, AGENT_RATE);
    for (const person of PEOPLE) people.set(person.name, await person.say());
  });

  for (const person of PEOPLE)
    for (const atMs of [100, 300])
      it(`hears ${person.name} talking ${atMs} ms into it within ${HEARD_WITHIN_MS} ms (espeak-ng at -9 dB, 150 ms)`, async (t) => {
        const samples = people.get(person.name)!;
        const onset = { reply: 1, atMs, reportAfterMs: VAD_DELAY_MS };
        const canceller = createSpeexEchoCanceller({ sampleRate: MIC_RATE });
        const stage = pacedEchoInput(canceller, onset);
        try {
          runPacedReplies(
            stage.canceller,
            await acousticsFor(CONDITION),
            OFFSETS_MS.map((ms) => ({
              parts: [reply],
              startOffsetSamples: Math.round((ms * AGENT_RATE) / 1000),
            })),
            {
              leadInMs: 600,
              talker: { samples, reply: 1, atMs: atMs - soundStartMs(samples, MIC_RATE) },
            },
          );
          const heardMs = heardAfterMs(stage, VAD_DELAY_MS);
          t.diagnostic(`own voice at first: ${stage.ownVoice}; heard ${heardMs} ms after`);
          assert.ok(heardMs <= HEARD_WITHIN_MS, `heard ${heardMs} ms after the onset`);
        } finally {
          canceller.close();
        }
      });
});
