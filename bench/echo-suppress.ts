/**
 * What Speex's residual echo suppressor takes off a person talking over a session's first and a
 * later reply, against what the linear filter alone takes, over time in the reply, and the echo
 * left (ERLE) with and without the suppressor (test/echo/suppressor-loss.ts measures). Pure:
 * the canceller driven as the session drives it, no server.
 *
 * `node --import tsx bench/echo-suppress.ts [people...|none]` prints JSON; people are flite
 * kal16 (tuned on) and the held-out RHVoice bdl, RHVoice clb and Pico en-US by default; the
 * canceller's CPU per 20 ms chunk too. `FIXED=1`: the suppressor at full depth from the first
 * frame, as before suppress-depth.ts.
 */
import { AGENT_RATE, MIC_RATE, speech, voiceSpeech } from '../test/echo/echo-audio.ts';
import { LONG_REPLY } from '../test/echo/echo-agent.ts';
import { acousticsFor, CONDITIONS, describeCondition } from '../test/echo/session-conditions.ts';
import { runPacedReplies } from '../test/echo/paced-replies.ts';
import type { RoomAcoustics } from '../test/echo/room.ts';
import { echoAlone, personLoss, replyErleDb } from '../test/echo/suppressor-loss.ts';
import { watchedCanceller } from '../test/echo/watched-canceller.ts';
import { createSpeexEchoCanceller } from '../src/audio/echo/speex-canceller.ts';

const SAID = 'stop, what time do you close';
const REPLY_SAMPLES = 4 * AGENT_RATE;
const ONSETS_MS = [300, 1_500] as const;
const WINDOW_MS = 200;
/** A window counts with at least this many of the person's chunks. */
const MIN_CHUNKS = 4;
/** `OVER_ECHO_DB=6`: count only chunks where the person is 6 dB over the echo the filter leaves. */
const OVER_ECHO_DB = Number(process.env['OVER_ECHO_DB'] ?? 0);
/** `FIXED=1`: the suppressor at full depth from the first frame (as before suppress-depth.ts). */
const SUPPRESSOR = { suppressFollowsFilter: process.env['FIXED'] !== '1' };

const PEOPLE: Record<string, () => Promise<Int16Array>> = {
  'flite kal16': () => speech(SAID, 'flite', MIC_RATE),
  'RHVoice bdl': () => voiceSpeech(SAID, 'rhvoice-bdl', MIC_RATE),
  'RHVoice clb': () => voiceSpeech(SAID, 'rhvoice-clb', MIC_RATE),
  'Pico en-US': () => voiceSpeech(SAID, 'pico-en-US', MIC_RATE),
};

const round = (value: number) => Math.round(value * 10) / 10;
const roundMs = (value: number) => Math.round(value * 1000) / 1000;

/** The canceller's CPU per 20 ms microphone chunk over two replies, median and p99 (ms). */
function chunkCpuMs(acoustics: RoomAcoustics, replies: readonly Int16Array[]) {
  const canceller = createSpeexEchoCanceller({ sampleRate: MIC_RATE, ...SUPPRESSOR });
  const spent: number[] = [];
  let before = process.cpuUsage();
  const watched = watchedCanceller(canceller, {
    beforeChunk: () => (before = process.cpuUsage()),
    afterChunk: () => {
      const used = process.cpuUsage(before);
      spent.push((used.user + used.system) / 1000);
    },
  });
  try {
    runPacedReplies(
      watched,
      acoustics,
      replies.map((audio) => ({ parts: [audio] })),
      { leadInMs: 1_000 },
    );
  } finally {
    canceller.close();
  }
  spent.sort((a, b) => a - b);
  const at = (q: number) => spent[Math.min(spent.length - 1, Math.floor(q * spent.length))]!;
  return { median: roundMs(at(0.5)), p99: roundMs(at(0.99)), chunks: spent.length };
}

async function main(names: readonly string[]): Promise<void> {
  const replies = {
    espeak: (await speech(LONG_REPLY, 'espeak', AGENT_RATE)).slice(0, REPLY_SAMPLES),
    flite: (await speech(LONG_REPLY, 'flite', AGENT_RATE)).slice(0, REPLY_SAMPLES),
  };
  const people = new Map<string, Int16Array>();
  for (const name of names) people.set(name, await PEOPLE[name]!());
  const rows = [];
  const started = performance.now();
  for (const condition of CONDITIONS) {
    const acoustics = await acousticsFor(condition);
    const answer = replies[condition.voice];
    const pair = [answer, answer];
    const alone = echoAlone(acoustics, pair, SUPPRESSOR);
    const erle = [0, 1].map((reply) => ({
      reply: reply === 0 ? 'first' : 'later',
      withSuppressorDb: round(replyErleDb(alone.on, reply)),
      filterAloneDb: round(replyErleDb(alone.off, reply)),
    }));
    const losses = [];
    for (const [name, person] of people)
      for (const reply of [0, 1])
        for (const atMs of ONSETS_MS) {
          const windows = personLoss(
            {
              acoustics,
              replies: pair,
              person,
              reply,
              atMs,
              windowMs: WINDOW_MS,
              overEchoDb: OVER_ECHO_DB,
              suppressor: SUPPRESSOR,
            },
            alone,
          ).filter((w) => w.personChunks >= MIN_CHUNKS);
          losses.push({
            person: name,
            reply: reply === 0 ? 'first' : 'later',
            atMs,
            worstSuppressorDb: round(Math.max(...windows.map((w) => w.suppressorDb))),
            windows: windows.map((w) => [
              w.fromMs,
              round(w.suppressorDb),
              round(w.linearDb),
              w.personChunks,
            ]),
          });
        }
    const cpuMs = chunkCpuMs(acoustics, pair);
    rows.push({ condition: describeCondition(condition), erle, cpuMs, losses });
  }
  const wallS = round((performance.now() - started) / 1000);
  console.log(
    JSON.stringify({
      ...SUPPRESSOR,
      overEchoDb: OVER_ECHO_DB,
      windowColumns: ['fromMs', 'suppressorDb', 'linearDb', 'chunks'],
      wallS,
      rows,
    }),
  );
}

const args = process.argv.slice(2);
// `none`: the ERLE and CPU figures alone.
await main(args[0] === 'none' ? [] : args.length > 0 ? args : Object.keys(PEOPLE));
