// What pocketsphinx hears for short listener noises, voice by voice, clean and over noise: the
// interims (with the ms of utterance audio fed when each came), what each decoder made of it and
// what the keyword search spotted (phrase@start-end ms from the speech's start:score).
//   node --import tsx test/scenarios/hear.ts [word …] [--voices=flite-awb,espeak] [--noisy]
//     [--interim-ms=160] [--pron='mhm=M HH M;…'] [--no-spot] [--lead-ms=3000]
//     [--warm=300x8 | --warm=off] (noise suppression's warm start: quiet ms x replays)
import { listeningVocabulary } from '../../src/listen/listening-vocabulary.ts';
import { createHearer, padded, speech, type HearingVoice } from '../../eval/hearing.ts';
import { DEFAULT_DENOISE } from '../../src/providers/local/stt/denoise.ts';
import { DEFAULT_WARM_START } from '../../src/providers/local/stt/warm-start.ts';
import { DESK_AGENT } from './agent.ts';
import { BACKCHANNELS } from './scenarios.ts';

const args = process.argv.slice(2);
const words = args.filter((a) => !a.startsWith('--'));
const option = (name: string) =>
  args.find((a) => a.startsWith(`--${name}=`))?.slice(`--${name}=`.length);
const voices = (option('voices')?.split(',') ?? [
  'flite-awb',
  'flite-slt',
  'flite-rms',
  'rhvoice-clb',
  'espeak',
]) as HearingVoice[];
const noisyToo = args.includes('--noisy');
const signal = new AbortController().signal;

const pronArg = option('pron');
const base = listeningVocabulary(DESK_AGENT.vocabulary, 'en-US')!;
const vocabulary = pronArg
  ? {
      ...base,
      pronunciations: Object.fromEntries(
        pronArg.split(';').map((p) => p.split('=') as [string, string]),
      ),
    }
  : base;
const interimArg = option('interim-ms');
const warmArg = option('warm');
const [warmQuietMs, warmReplays] = (warmArg ?? '').split('x').map(Number);
const hear = createHearer({
  ...(interimArg !== undefined && { interimEveryMs: Number(interimArg) }),
  ...(warmArg !== undefined && {
    denoise: {
      ...DEFAULT_DENOISE,
      warmStart:
        warmArg === 'off'
          ? null
          : { ...DEFAULT_WARM_START, quietMs: warmQuietMs ?? 0, replays: warmReplays ?? 0 },
    },
  }),
  ...(args.includes('--no-spot') && { spot: null }),
});

for (const word of words.length > 0 ? words : BACKCHANNELS) {
  for (const voice of voices) {
    for (const noisy of noisyToo ? [false, true] : [false]) {
      const said = await speech(voice, word, signal);
      const leadArg = option('lead-ms');
      const clip = await padded(voice, said, noisy, signal, leadArg ? Number(leadArg) : undefined);
      const r = await hear(clip, vocabulary, signal);
      const lead = clip.leadMs;
      const u = r.utterances
        .map(
          (h) =>
            `[${h.source}: g="${h.candidates.grammar?.text ?? ''}" lm="${h.candidates.lm?.text ?? ''}" ${h.speechMs}ms${h.reported ? '' : ' dropped'}${h.spotted ? ' SPOTTED' : ''}` +
            ` spots=${h.spots.map((s) => `${s.phrase}@${s.startMs - lead}-${s.endMs - lead}:${s.score}`).join(',')}]`,
        )
        .join(' ');
      const interims = r.interims.map((i) => `${i.text}@${i.atMs}`);
      console.log(
        `${word.padEnd(8)} ${voice.padEnd(11)} ${noisy ? 'noisy' : 'clean'} ${String(Math.round(said.length / 16)).padStart(4)}ms` +
          ` final=${JSON.stringify(r.finals)} interims=${JSON.stringify(interims)} ${u}`,
      );
    }
  }
}
