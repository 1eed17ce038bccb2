// Turn-taking words over noise, and false alarms on ordinary sentences: each clip is heard once
// (the scenarios' desk agent, its listening vocabulary) and saved; eval/spot-replay.ts then
// replays the spotting rule under several settings without decoding again.
//   node --import tsx eval/spot-words.ts [--voices=flite-awb,…] [--out=/tmp/spot-words.json]
//     [--set=turn-taking|ordinary] [--interim-ms=160] [--early-interim-ms=80] [--no-spot]
//     [--interim-spots] [--kws-delay=10] [--no-hint-keywords] [--hints-grammar-only]
//     [--no-spot-confirm]
import { writeFile } from 'node:fs/promises';
import { listeningVocabulary } from '../src/listen/listening-vocabulary.ts';
import { phrasesToJsgf } from '../src/providers/local/stt/index.ts';
import { DESK_AGENT } from '../test/scenarios/agent.ts';
import { BACKCHANNELS } from '../test/scenarios/scenarios.ts';
import { createHearer, padded, speech, type HearingVoice } from './hearing.ts';
import { EVAL_REQUESTS } from './requests.ts';

/** Tuned on flite and espeak-ng; RHVoice clb and Pico en-US are held out. */
export const TUNE_VOICES: readonly HearingVoice[] = [
  'flite-awb',
  'flite-slt',
  'flite-rms',
  'espeak',
];
export const HELD_OUT_VOICES: readonly HearingVoice[] = ['rhvoice-clb', 'pico-en-US'];

/** What a listener says between turns, as said in the scenarios and a few more. */
export const TURN_TAKING_SAID: readonly string[] = [
  ...BACKCHANNELS,
  'Hold on a second.',
  'Hang on.',
  'Give me a minute.',
  'Just a second.',
  'Let me think.',
  'Wait.',
  'Stop.',
  'Sorry.',
  'No.',
  'Actually,',
];
/** Ordinary requests: the eval's English phrasings and the scenarios' other lines. */
export const ORDINARY_SAID: readonly string[] = [
  ...EVAL_REQUESTS.filter((r) => r.agent !== 'cafe').map((r) => r.text),
  'Wait, sorry, what about my phone number?',
  'My order number is four oh five seven.',
  'One two three.',
  'Five five five.',
  'The pressure on the pump',
  'is seven point two bar.',
];

export interface SavedClip {
  readonly set: 'turn-taking' | 'ordinary';
  readonly said: string;
  readonly voice: HearingVoice;
  readonly noisy: boolean;
  readonly heard: Awaited<ReturnType<ReturnType<typeof createHearer>>>;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string) =>
    args.find((a) => a.startsWith(`--${name}=`))?.slice(`--${name}=`.length);
  const voices = (option('voices')?.split(',') as HearingVoice[] | undefined) ?? [
    ...TUNE_VOICES,
    ...HELD_OUT_VOICES,
  ];
  const out = option('out') ?? '/tmp/spot-words.json';
  const interimArg = option('interim-ms');
  const earlyArg = option('early-interim-ms');
  const set = option('set');
  const signal = new AbortController().signal;
  const listening = listeningVocabulary(DESK_AGENT.vocabulary, 'en-US');
  // --no-hint-keywords: the turn-taking phrases only spotted, not added to the grammar and the
  // agent's language model as keywords.
  const ownKeywords = DESK_AGENT.vocabulary?.keywords ?? [];
  // --hints-grammar-only: the hints in the grammar (a JSGF of the phrases and every keyword) but
  // not in the agent's language model, which is estimated from the phrases and own keywords.
  const vocabulary =
    args.includes('--no-hint-keywords') && listening
      ? { ...listening, keywords: ownKeywords }
      : args.includes('--hints-grammar-only') && listening
        ? {
            ...listening,
            keywords: ownKeywords,
            grammar: phrasesToJsgf([...(listening.phrases ?? []), ...(listening.keywords ?? [])]),
          }
        : listening;
  const hear = createHearer({
    ...(interimArg !== undefined && { interimEveryMs: Number(interimArg) }),
    ...(earlyArg !== undefined && {
      earlyInterimEveryMs: Number(earlyArg),
      earlyInterimUntilMs: 700,
    }),
    ...(args.includes('--no-spot') && { spot: null }),
    ...(option('kws-delay') !== undefined && {
      spot: { delayFrames: Number(option('kws-delay')) },
    }),
    ...(args.includes('--interim-spots') && { spotted: { inInterims: true } }),
    // --no-spot-confirm: a turn-taking phrase the grammar chose stands without a spot (as before).
    ...(args.includes('--no-spot-confirm') && { choose: { turnTakingNeedsSpot: false } }),
  });
  const clips: SavedClip[] = [];
  const sets = [
    ['turn-taking', TURN_TAKING_SAID],
    ['ordinary', ORDINARY_SAID],
  ] as const;
  for (const [name, texts] of sets) {
    if (set !== undefined && set !== name) continue;
    for (const said of texts) {
      for (const voice of voices) {
        for (const noisy of [false, true]) {
          const clip = await padded(voice, await speech(voice, said, signal), noisy, signal);
          const heard = await hear(clip, vocabulary, signal);
          clips.push({ set: name, said, voice, noisy, heard });
        }
      }
    }
    process.stderr.write(`${name}: ${clips.length} clips\n`);
  }
  await writeFile(out, JSON.stringify(clips));
  process.stderr.write(`saved ${clips.length} clips to ${out}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
