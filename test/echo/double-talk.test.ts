/**
 * A person talking over the echo must not move the canceller's alignment: their voice
 * correlates with nothing the agent said and drags the delay estimate, and a feed delay move
 * restarts the filter, after which the echo share assumes everything is echo for a second,
 * the person too. No session here: the canceller driven as the session drives it
 * (paced-replies.ts), deterministic.
 *
 * Measured before the fix (espeak-ng at -9 dB, 150 ms, the echo at the edge of the filter's
 * reach, a flite kal16 person 1.5 s into the first reply): the estimate moved 150 -> 160 ms
 * while they talked, the filter restarted, and the share of their loudest words went from
 * 0.0-0.1 to 1.00 for the rest of what they said. Seen through the WebSocket too: the estimate
 * moved four times in the first reply while the person talked, and they were never heard.
 *
 * The people: flite kal16, and RHVoice bdl, RHVoice clb and Pico en-US, held out.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSpeexEchoCanceller } from '../../src/audio/echo/speex-canceller.ts';
import { LONG_REPLY } from './echo-agent.ts';
import { MIC_RATE, speech, voiceSpeech } from './echo-audio.ts';
import { runPacedReplies } from './paced-replies.ts';
import { acousticsFor, type EchoCondition } from './session-conditions.ts';
import { soundStartMs } from './sound-start.ts';
import { spokenBeforeAll } from './spoken-before.ts';
import { watchedCanceller } from './watched-canceller.ts';

const SAID = 'stop, what time do you close';
/** Where in the reply the person starts, ms. */
const TALK_AT_MS = [1_500] as const;
const CHUNK_MS = 20;
/** The person's words louder than the echo by this much are judged. */
const LOUDER_DB = 3;
/** Their mean share there: what the own-voice judgement would call a person, with margin. */
const PERSON_SHARE = 0.3;

const PEOPLE = [
  { name: 'flite kal16', say: () => speech(SAID, 'flite', MIC_RATE) },
  { name: 'RHVoice bdl, held out', say: () => voiceSpeech(SAID, 'rhvoice-bdl', MIC_RATE) },
  { name: 'RHVoice clb, held out', say: () => voiceSpeech(SAID, 'rhvoice-clb', MIC_RATE) },
  { name: 'Pico en-US, held out', say: () => voiceSpeech(SAID, 'pico-en-US', MIC_RATE) },
] as const;

/**
 * The echo 150 ms late sits at the edge of the filter's reach from the start, so any drag moves
 * it. At -20 dB, 300 ms the first estimate comes only as the person talks in the first reply
 * (and must move the feed delay then): they talk over the second.
 */
const CONDITIONS: readonly (EchoCondition & { readonly reply: number })[] = [
  { voice: 'espeak', gainDb: -9, delayMs: 150, reply: 0 },
  { voice: 'flite', gainDb: -9, delayMs: 150, reply: 0 },
  { voice: 'espeak', gainDb: -20, delayMs: 300, reply: 1 },
];

describe('a person talking over the first reply does not move the alignment', () => {
  const { replies: answers, people } = spokenBeforeAll(LONG_REPLY, PEOPLE);

  for (const condition of CONDITIONS)
    for (const talkAtMs of TALK_AT_MS)
      for (const person of PEOPLE)
        it(`keeps ${person.name} read as a person to their last word (${condition.voice} at ${condition.gainDb} dB, ${condition.delayMs} ms, ${talkAtMs} ms into reply ${condition.reply + 1})`, async (t) => {
          const samples = people.get(person.name)!;
          const inner = createSpeexEchoCanceller({ sampleRate: MIC_RATE });
          const feeds: number[] = [];
          const canceller = watchedCanceller(inner, {
            beforeChunk: () => feeds.push(inner.feedDelayMs),
          });
          try {
            const run = runPacedReplies(
              canceller,
              await acousticsFor(condition),
              Array.from({ length: condition.reply + 1 }, () => ({
                parts: [answers[condition.voice]],
              })),
              { talker: { samples, reply: condition.reply, atMs: talkAtMs } },
            );
            const from = run.replyStarts[condition.reply]! + talkAtMs / CHUNK_MS;
            const spokenChunks = Math.ceil((samples.length * 1000) / MIC_RATE / CHUNK_MS);
            const louder: number[] = [];
            for (let k = from; k < from + spokenChunks; k++) {
              const personDb = levelDb(samples, (k - from) * CHUNK_MS);
              if (personDb > -45 && personDb >= run.echoDb[k]! + LOUDER_DB)
                louder.push(run.shares[k]!);
            }
            const during = feeds.slice(
              from + soundStartMs(samples, MIC_RATE) / CHUNK_MS,
              from + spokenChunks,
            );
            const mean = louder.reduce((sum, s) => sum + s, 0) / Math.max(1, louder.length);
            t.diagnostic(
              `${louder.length} chunks louder than the echo, mean share ${mean.toFixed(2)}; feed delay while they talk: ${[...new Set(during)].join(' -> ')} ms`,
            );
            assert.ok(louder.length >= 10, `only ${louder.length} chunks louder than the echo`);
            assert.ok(mean < PERSON_SHARE, `mean share ${mean.toFixed(2)} of the person's words`);
            assert.equal(new Set(during).size, 1, 'the feed delay moved while they talked');
          } finally {
            canceller.close();
          }
        });
});

/** dBFS of the 20 ms of `samples` from `fromMs` (-100 past the end). */
function levelDb(samples: Int16Array, fromMs: number): number {
  const from = (fromMs * MIC_RATE) / 1000;
  const to = from + (CHUNK_MS * MIC_RATE) / 1000;
  if (from >= samples.length) return -100;
  let sum = 0;
  for (let i = from; i < to && i < samples.length; i++) sum += samples[i]! ** 2;
  return 10 * Math.log10(sum / (to - from) / 2 ** 30 + 1e-10);
}
