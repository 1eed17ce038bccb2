// A person asking for time, heard by the offline recogniser: each phrase in each voice, clean
// once and over the scenarios' noise bed at several leads (the bed's alignment under the speech
// decides much of what is heard), read by the policy's own end-of-turn rules. Prints a table of
// how many clips were heard as asking for time, tuning and held-out voices apart, and saves the
// clips for eval/spot-replay.ts (which replays the spotting rule without decoding again).
//   node --import tsx eval/asking-for-time.ts [phrase …] [--voices=flite-slt,…]
//     [--leads=2900:3180:40] [--out=/tmp/asking-for-time.json] [--list]
import { writeFile } from 'node:fs/promises';
import { classifyCompleteness } from '../src/listen/end-of-turn.ts';
import { listeningVocabulary } from '../src/listen/listening-vocabulary.ts';
import { DESK_AGENT } from '../test/scenarios/agent.ts';
import { createHearer, padded, speech, type HearingVoice } from './hearing.ts';
import type { SavedClip } from './spot-words.ts';

/** The tuning voices of the spoken suite, and three held out (rhvoice-bdl never looked at while tuning). */
const TUNE: readonly HearingVoice[] = ['flite-slt', 'flite-rms', 'flite-awb'];
const HELD_OUT: readonly HearingVoice[] = ['rhvoice-clb', 'pico-en-US', 'rhvoice-bdl'];
const PHRASES = [
  'Hold on a second.',
  'Give me a minute.',
  'Let me think.',
  'Hold on a sec.',
  'One moment.',
];

const args = process.argv.slice(2);
const option = (name: string) =>
  args.find((a) => a.startsWith(`--${name}=`))?.slice(`--${name}=`.length);
const phrases = args.filter((a) => !a.startsWith('--'));
const voices = (option('voices')?.split(',') as HearingVoice[] | undefined) ?? [
  ...TUNE,
  ...HELD_OUT,
];
const [fromMs, toMs, stepMs] = (option('leads') ?? '2900:3180:40').split(':').map(Number);
const leadsMs: number[] = [];
for (let ms = fromMs ?? 2900; ms <= (toMs ?? 3180); ms += stepMs ?? 40) leadsMs.push(ms);
const out = option('out') ?? '/tmp/asking-for-time.json';

const signal = new AbortController().signal;
const vocabulary = listeningVocabulary(DESK_AGENT.vocabulary, 'en-US');
const hear = createHearer();
const asksForTime = (finals: readonly string[]) =>
  classifyCompleteness(finals.join(' '), { language: 'en' }) === 'asking-for-time';

interface Row {
  readonly said: string;
  readonly voice: HearingVoice;
  readonly noisy: boolean;
  readonly heardRight: number;
  readonly of: number;
  readonly finals: string[];
}

const clips: (SavedClip & { readonly leadMs: number })[] = [];
const rows: Row[] = [];
for (const said of phrases.length > 0 ? phrases : PHRASES) {
  for (const voice of voices) {
    const samples = await speech(voice, said, signal);
    for (const noisy of [false, true]) {
      // Clean, the lead is silence: one is enough.
      const leads = noisy ? leadsMs : [1_000];
      const finals: string[] = [];
      let heardRight = 0;
      for (const leadMs of leads) {
        const clip = await padded(voice, samples, noisy, signal, leadMs);
        const heard = await hear(clip, vocabulary, signal);
        clips.push({ set: 'turn-taking', said, voice, noisy, heard, leadMs });
        if (asksForTime(heard.finals)) heardRight += 1;
        finals.push(heard.finals.join(' / '));
      }
      rows.push({ said, voice, noisy, heardRight, of: leads.length, finals });
    }
  }
}
await writeFile(out, JSON.stringify(clips));

const sum = (of: readonly Row[]) =>
  `${of.reduce((n, r) => n + r.heardRight, 0)}/${of.reduce((n, r) => n + r.of, 0)}`;
console.log(`phrase | voice | clean | noisy (${leadsMs.length} leads ${leadsMs[0]}..)`);
for (const row of rows.filter((r) => !r.noisy)) {
  const noisy = rows.find((r) => r.noisy && r.said === row.said && r.voice === row.voice);
  const held = HELD_OUT.includes(row.voice) ? ' (held out)' : '';
  console.log(
    `${row.said} | ${row.voice}${held} | ${row.heardRight}/${row.of} | ${noisy ? `${noisy.heardRight}/${noisy.of}` : '-'}`,
  );
}
for (const [name, group] of [
  ['tuning', TUNE],
  ['held out', HELD_OUT],
] as const) {
  const of = rows.filter((r) => group.includes(r.voice));
  const clean = sum(of.filter((r) => !r.noisy));
  const noisy = sum(of.filter((r) => r.noisy));
  console.log(`${name}: clean ${clean}, noisy ${noisy}`);
}
if (args.includes('--list')) {
  for (const row of rows) {
    console.log(
      `${row.said} ${row.voice} ${row.noisy ? 'noisy' : 'clean'}: ${row.finals.join(' | ')}`,
    );
  }
}
process.stderr.write(`saved ${clips.length} clips to ${out}\n`);
