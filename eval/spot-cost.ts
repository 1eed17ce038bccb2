// CPU cost of the keyword spotter and of faster early interims: the same noisy clips heard
// under each setting, process CPU time (main and worker threads) per second of audio.
//   node --import tsx eval/spot-cost.ts [--rounds=3]
import { listeningVocabulary } from '../src/listen/listening-vocabulary.ts';
import type { PocketsphinxSttOptions } from '../src/providers/local/stt/index.ts';
import { DESK_AGENT } from '../test/scenarios/agent.ts';
import { createHearer, padded, speech, type PaddedClip } from './hearing.ts';

const signal = new AbortController().signal;
const vocabulary = listeningVocabulary(DESK_AGENT.vocabulary, 'en-US');
const rounds = Number(
  process.argv.find((a) => a.startsWith('--rounds='))?.slice('--rounds='.length) ?? 3,
);
const texts = [
  'Wait, sorry, what about my phone number?',
  'right',
  'My order number is four oh five seven.',
];
const clips: PaddedClip[] = [];
for (const text of texts) {
  clips.push(await padded('flite-slt', await speech('flite-slt', text, signal), true, signal));
}
const audioSeconds = clips.reduce((sum, clip) => sum + clip.samples.length / 16_000, 0);

const settings: [string, Omit<PocketsphinxSttOptions, 'onUtterance'>][] = [
  ['no spotter', { spot: null }],
  ['spotter', {}],
  [
    'spotter, interims every 80 ms for 700 ms',
    { earlyInterimEveryMs: 80, earlyInterimUntilMs: 700 },
  ],
];
const results = new Map<string, number[]>();
for (let round = 0; round < rounds; round++) {
  for (const [name, options] of settings) {
    const hear = createHearer(options);
    const before = process.cpuUsage();
    for (const clip of clips) await hear(clip, vocabulary, signal);
    const used = process.cpuUsage(before);
    const perSecond = (used.user + used.system) / 1e6 / audioSeconds;
    results.set(name, [...(results.get(name) ?? []), perSecond]);
  }
}
for (const [name, values] of results) {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  console.log(
    `${name.padEnd(44)} CPU s per audio s: median ${median.toFixed(3)} [${sorted.map((v) => v.toFixed(3)).join(' ')}]`,
  );
}
