/**
 * A person talking over a reply whose audio ran dry for a while: a filler ("Let me see."), then
 * the answer once the reply engine had it. The session resets the canceller's far end only at a
 * reply's end, and the client counts its playback reports over the whole reply, gap and filler
 * included. No session here: the canceller and the session's echo stage driven as the session
 * drives them (paced-replies.ts, paced-echo-input.ts), deterministic.
 *
 * The cause of "flite kal16 over espeak-ng echo heard ~2 s late or not at all"
 * (session-echo.test.ts): the canceller took audio after a 300 ms gap for a new reply, so every
 * later report fitted nothing, its seat never settled, and its echo share assumed nothing was
 * removed for the rest of the reply: a person 8 dB over the echo read as echo (share 1.00) from
 * start to end, in all 12 runs below before the fix (heard 200-390 ms after their first sound
 * after it). Reproduced first in the session on a virtual clock: 3 of 3 runs never heard.
 *
 * The people: flite kal16 (the voice the echo stage was first checked with), and RHVoice bdl,
 * RHVoice clb and Pico en-US, held out (nothing here was tuned on them).
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { createSpeexEchoCanceller } from '../../src/audio/echo/speex-canceller.ts';
import { OWN_VOICE_THRESHOLD } from '../../src/audio/echo/own-voice.ts';
import { LONG_REPLY } from './echo-agent.ts';
import { AGENT_RATE, MIC_RATE, speech, voiceSpeech } from './echo-audio.ts';
import { lowestEchoShares } from './lowest-share.ts';
import { heardAfterMs, pacedEchoInput } from './paced-echo-input.ts';
import { runPacedReplies, type PacedReply } from './paced-replies.ts';
import { acousticsFor, type EchoCondition } from './session-conditions.ts';
import { soundStartMs } from './sound-start.ts';

const BARGE_IN = 'stop, what time do you close';
/** The person starts this long into the answer (after the filler and the gap). */
const INTO_ANSWER_MS = 1_500;
/** The VAD's report comes this long after the onset (Silero through the session: 100-250 ms). */
const VAD_DELAY_MS = 200;
/**
 * Heard within this long of their first sound. Measured 336-356 ms for kal16 (its "stop" is as
 * loud as the echo and reads as echo; "what" 180 ms later does not), 200-386 ms for the others.
 */
const HEARD_WITHIN_MS = 600;
/**
 * A session's first reply that is a filler and a wait: the canceller has had only the filler to
 * learn the room on, and the answer's first words read as a person (espeak-ng -9 dB, 150 ms,
 * 1 s wait: 0.10 at 2.2 s). The filter has not converged there, but the share trusts the
 * residual it learnt on the filler, under a far end held at its peak for a second while the
 * delay was unknown, 10-20 dB too low. Counting the filter's settling in frames the far end
 * plays in (not time) moved it only to 0.32 at 2.4 s. The share's path gain is -39.5 dB when
 * the delay is found (learnt against that held far end; the tracker's window gives -21): set
 * from the window there, this still read 0.10, and people over the answer were heard later
 * (RHVoice clb 386 -> 646 ms). Before the gap fix this reply read as echo
 * throughout (0.80) because the share trusted nothing after the gap, a person included.
 * Replies after a plain one are clean (tested above). With the envelope coherence deciding a
 * first reply (src/audio/echo/coherence-share.ts) the answer's start is clean; its lowest was
 * 0.49 at 8.5 s, a dip of the coherence late in the answer (the level model, to be trusted
 * after 100 frames, never learnt enough on it to take over). Trusted after 50 (a person much
 * quieter than the echo went unheard while the coherence decided; real-audio.test.ts) the
 * level model decides the answer's end: 0.29 at 8.5 s, the end of a reply as in
 * alignment-replies.test.ts.
 */
const FIRST_REPLY_TODO =
  "a session's first reply of a filler and a wait reads 0.29 at 8.5 s, its answer's end (espeak-ng, -9 dB, 150 ms)";

const PEOPLE = [
  { name: 'flite kal16', say: () => speech(BARGE_IN, 'flite', MIC_RATE) },
  { name: 'RHVoice bdl, held out', say: () => voiceSpeech(BARGE_IN, 'rhvoice-bdl', MIC_RATE) },
  { name: 'RHVoice clb, held out', say: () => voiceSpeech(BARGE_IN, 'rhvoice-clb', MIC_RATE) },
  { name: 'Pico en-US, held out', say: () => voiceSpeech(BARGE_IN, 'pico-en-US', MIC_RATE) },
] as const;

type GapCondition = EchoCondition & { readonly gapMs: number; readonly todo?: string };

const CONDITIONS: readonly GapCondition[] = [
  { voice: 'espeak', gainDb: -9, delayMs: 150, gapMs: 1_000 },
  // Its reply's end read 0.46 at 9.8 s before the canceller's 150 Hz high-pass (as in
  // alignment-replies.test.ts); 0.88 there after it.
  { voice: 'espeak', gainDb: -3, delayMs: 20, gapMs: 400 },
  { voice: 'flite', gainDb: -9, delayMs: 60, gapMs: 600 },
];

const label = (c: GapCondition) =>
  `${c.voice} at ${c.gainDb} dB, ${c.delayMs} ms, ${c.gapMs} ms dry after the filler`;

describe('a person talking over a reply that ran dry after its filler', () => {
  const agent: Record<'espeak' | 'flite', { filler: Int16Array; answer: Int16Array }> = {
    espeak: { filler: new Int16Array(0), answer: new Int16Array(0) },
    flite: { filler: new Int16Array(0), answer: new Int16Array(0) },
  };
  const people = new Map<string, Int16Array>();
  before(async () => {
    for (const voice of ['espeak', 'flite'] as const)
      agent[voice] = {
        filler: await speech('Let me see.', voice, AGENT_RATE),
        answer: await speech(LONG_REPLY, voice, AGENT_RATE),
      };
    for (const person of PEOPLE) people.set(person.name, await person.say());
  });

  /** The reply as the sender gets it: the filler, then the answer `gapMs` after it ended. */
  const reply = (condition: GapCondition): { answerAtMs: number; plan: PacedReply } => {
    const { filler, answer } = agent[condition.voice];
    const answerAtMs = Math.round((filler.length * 1000) / AGENT_RATE + condition.gapMs);
    return { answerAtMs, plan: { parts: [filler, answer], partAtMs: [answerAtMs] } };
  };

  /** The lowest 100 ms echo shares of `plans` played one after another. */
  async function lowestShares(condition: GapCondition, plans: readonly PacedReply[]) {
    const canceller = createSpeexEchoCanceller({ sampleRate: MIC_RATE });
    try {
      return lowestEchoShares(
        runPacedReplies(canceller, await acousticsFor(condition), plans),
        5,
        -55,
      );
    } finally {
      canceller.close();
    }
  }

  for (const condition of CONDITIONS) {
    const todo = condition.todo === undefined ? {} : { todo: condition.todo };
    it(
      `never reads the echo alone as a person after a first reply (${label(condition)}, reverb, noise)`,
      todo,
      async (t) => {
        const { plan } = reply(condition);
        // A plain reply first teaches the canceller the room, as a session's earlier turns do;
        // a session's first reply is judged apart (reply-offsets.test.ts, FIRST_REPLY_TODO).
        const plain = { parts: [agent[condition.voice].answer] };
        const lowest = await lowestShares(condition, [plain, plan, plan]);
        t.diagnostic(`lowest: ${lowest.map((l) => `${l.share.toFixed(2)}@${l.atMs}`).join(' ')}`);
        for (const [index, low] of lowest.entries())
          if (index > 0)
            assert.ok(
              low.share >= OWN_VOICE_THRESHOLD,
              `reply ${index}: share ${low.share.toFixed(2)} at ${low.atMs} ms`,
            );
      },
    );

    for (const person of PEOPLE)
      it(`hears ${person.name} ${INTO_ANSWER_MS} ms into the answer at once (${label(condition)})`, async (t) => {
        const samples = people.get(person.name)!;
        const { answerAtMs, plan } = reply(condition);
        const talkAtMs = answerAtMs + INTO_ANSWER_MS;
        const onsetMs = talkAtMs + soundStartMs(samples, MIC_RATE);
        const onset = { reply: 0, atMs: onsetMs, reportAfterMs: VAD_DELAY_MS };
        const canceller = createSpeexEchoCanceller({ sampleRate: MIC_RATE });
        const stage = pacedEchoInput(canceller, onset);
        try {
          runPacedReplies(stage.canceller, await acousticsFor(condition), [plan], {
            talker: { samples, reply: 0, atMs: talkAtMs },
          });
          const heardMs = heardAfterMs(stage, VAD_DELAY_MS);
          t.diagnostic(`own voice at first: ${stage.ownVoice}; heard ${heardMs} ms after`);
          assert.ok(heardMs <= HEARD_WITHIN_MS, `heard ${heardMs} ms after the onset`);
        } finally {
          canceller.close();
        }
      });
  }

  it(
    "never reads the echo alone as a person in a session's first reply of a filler and a wait",
    { todo: FIRST_REPLY_TODO },
    async (t) => {
      const condition = CONDITIONS[0]!;
      const lowest = await lowestShares(condition, [reply(condition).plan]);
      t.diagnostic(`lowest: ${lowest.map((l) => `${l.share.toFixed(2)}@${l.atMs}`).join(' ')}`);
      assert.ok(lowest[0]!.share >= OWN_VOICE_THRESHOLD, `share ${lowest[0]!.share.toFixed(2)}`);
    },
  );
});
