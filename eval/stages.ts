/**
 * Per-stage errors on a slice of the evaluation: for each spoken request, the
 * recogniser's word error, the dialogue engine's verdict on what was heard and
 * on the request as typed, and what each decoder heard (grammar and language
 * model, with their fits). Tune on the tuning part only (the default):
 *
 *   node --import tsx eval/stages.ts --agents=support --voices="flite kal16,RHVoice alan"
 *     [--phrasings=tuned|held-out|all] [--out=eval/.cache/stages.jsonl] [--quiet]
 *     [--args="-dither yes;-lw 8"] [--min-speech=150] [--lm-words=20000] [--level=-20] [--agent-lm=0.3]
 *     [--denoise=-25|off] [--denoise-above=-55] [--denoise-settle=1000] [--denoise-warm=300x16|off] [--lead-in=short|session|both] [--noisy-only|--clean-only]
 *     [--gate="maxFloorDb=-25,startDb=10"] [--word-share=0.25] [--gain=6]

Noisy requests are heard after each lead-in of noise asked for (default both:
300 ms, as the eval began, and 2.5 s, as a live session's stream hears; see
LEAD_IN_MS in voices.ts); the summary has one line per agent and condition.
 *
 * Held-out phrasings spoken by held-out voices are refused unless `--held-out`
 * is given: that part is for reporting, never for tuning.
 */
import { appendFile } from 'node:fs/promises';
import { describeVoice } from '../src/providers/local/tts/choose-voice.ts';
import { wordErrorRate } from '../src/providers/local/stt/test-speech.ts';
import {
  DEFAULT_WARM_START,
  type WarmStartOptions,
} from '../src/providers/local/stt/warm-start.ts';
import { loadEvalAgent, type EvalAgent } from './agents.ts';
import { EVAL_REQUESTS, type AgentId, type EvalRequest } from './requests.ts';
import { transcribeDetailed } from './transcribe.ts';
import { understand } from './understand.ts';
import { EVAL_VOICES, isNoisy, LEAD_IN_MS, spoken, type LeadIn } from './voices.ts';

const signal = new AbortController().signal;
const option = (name: string): string | undefined =>
  process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const agents = (option('agents') ?? 'support,technician,cafe').split(',') as AgentId[];
const named = option('voices')?.split(',');
const phrasings = option('phrasings') ?? 'tuned';
const out = option('out');
const quiet = process.argv.includes('--quiet');
const allowHeldOut = process.argv.includes('--held-out');
const leadInOption = option('lead-in') ?? 'both';
const leadIns: readonly LeadIn[] =
  leadInOption === 'both' ? ['short', 'session'] : [leadInOption as LeadIn];
if (!leadIns.every((leadIn) => leadIn in LEAD_IN_MS)) {
  throw new Error(`--lead-in: short, session or both, not "${leadInOption}"`);
}
const noisyOnly = process.argv.includes('--noisy-only');
const cleanOnly = process.argv.includes('--clean-only');
/** Extra decoder arguments: `--args="-dither yes;-lw 8"`. */
const engineArgs = Object.fromEntries(
  (option('args') ?? '')
    .split(';')
    .filter(Boolean)
    .map((pair) => {
      const [name = '', ...value] = pair.trim().split(' ');
      return [name, value.join(' ')];
    }),
);
/** Grammar decoder only: `--grammar-args="-wip 0.2"`. */
const grammarEngineArgs = Object.fromEntries(
  (option('grammar-args') ?? '')
    .split(';')
    .filter(Boolean)
    .map((pair) => {
      const [name = '', ...value] = pair.trim().split(' ');
      return [name, value.join(' ')];
    }),
);
const minSpeechMs = option('min-speech') === undefined ? undefined : Number(option('min-speech'));
const levelTargetDb = option('level') === undefined ? undefined : Number(option('level'));
const agentLmWeight = option('agent-lm') === undefined ? undefined : Number(option('agent-lm'));
/** speexdsp noise suppression level in dB, or `off`; absent: the recogniser's default. */
const denoiseOption = option('denoise');
/** Warm start of its noise estimate: `300x16` (quiet ms x replays) or `off`. */
const warmOption = option('denoise-warm');
function warmStartOption(value: string): WarmStartOptions | null {
  if (value === 'off') return null;
  const [quietMs, replays] = value.split('x').map(Number);
  return { ...DEFAULT_WARM_START, quietMs: quietMs ?? 0, replays: replays ?? 0 };
}
const denoise =
  denoiseOption === undefined
    ? undefined
    : denoiseOption === 'off'
      ? null
      : {
          suppressDb: Number(denoiseOption),
          ...(option('denoise-above') === undefined
            ? {}
            : { minNoiseFloorDb: Number(option('denoise-above')) }),
          ...(option('denoise-settle') === undefined
            ? {}
            : { settleMs: Number(option('denoise-settle')) }),
          ...(warmOption === undefined ? {} : { warmStart: warmStartOption(warmOption) }),
        };
/** Speech gate settings over the recogniser's: `--gate="maxFloorDb=-25,startDb=10"`. */
const gate = Object.fromEntries(
  (option('gate') ?? '')
    .split(',')
    .filter(Boolean)
    .map((pair) => {
      const [name = '', value = ''] = pair.split('=');
      return [name.trim(), Number(value)];
    }),
);
const wordShare = option('word-share') === undefined ? undefined : Number(option('word-share'));
/** Scales every clip by this many dB (clipped), to check the recogniser at other levels. */
const gainDb = Number(option('gain') ?? 0);
const lmWords = option('lm-words') === undefined ? undefined : Number(option('lm-words'));
const voices = EVAL_VOICES.filter((voice) =>
  named ? named.includes(describeVoice(voice.choice)) : voice.split === 'tuned',
);

interface Tally {
  clips: number;
  werSum: number;
  spokenRight: number;
  typedRight: number;
}

const tallies = new Map<string, Tally>();
function tally(key: string): Tally {
  let found = tallies.get(key);
  if (!found) tallies.set(key, (found = { clips: 0, werSum: 0, spokenRight: 0, typedRight: 0 }));
  return found;
}

for (const id of agents) {
  const agent = await loadEvalAgent(id, signal);
  try {
    const all = EVAL_REQUESTS.filter((request) => request.agent === id);
    for (const voice of voices) {
      if (!agent.language.startsWith(voice.language)) continue;
      const label = describeVoice(voice.choice);
      for (const [index, request] of all.entries()) {
        if (phrasings !== 'all' && request.split !== phrasings) continue;
        if (request.split === 'held-out' && voice.split === 'held-out' && !allowHeldOut) {
          throw new Error('held-out phrasing × held-out voice: report only (--held-out)');
        }
        const noisy = isNoisy(voice, index);
        if ((noisyOnly && !noisy) || (cleanOnly && noisy)) continue;
        for (const leadIn of noisy ? leadIns : [undefined]) {
          const clip = scaled(await spoken(voice, request.text, noisy, signal, leadIn), gainDb);
          const condition = leadIn ? `noisy ${LEAD_IN_MS[leadIn]} ms` : 'clean';
          await hear(id, agent, label, request, clip, condition);
        }
      }
    }
  } finally {
    await agent.close();
  }
}

function scaled(clip: Int16Array, db: number): Int16Array {
  if (db === 0) return clip;
  const gain = 10 ** (db / 20);
  return clip.map((sample) => Math.max(-32768, Math.min(32767, Math.round(sample * gain))));
}

async function hear(
  id: AgentId,
  agent: EvalAgent,
  label: string,
  request: EvalRequest,
  clip: Int16Array,
  condition: string,
): Promise<void> {
  const [heard] = await transcribeDetailed(
    [clip],
    agent.vocabulary,
    agent.language.startsWith('en'),
    signal,
    {
      engineArgs,
      ...(Object.keys(grammarEngineArgs).length > 0 ? { grammarEngineArgs } : {}),
      ...(minSpeechMs === undefined ? {} : { minSpeechMs }),
      ...(lmWords === undefined ? {} : { lmWords }),
      ...(levelTargetDb === undefined ? {} : { levelTargetDb }),
      ...(agentLmWeight === undefined ? {} : { agentLmWeight }),
      ...(denoise === undefined ? {} : { denoise }),
      ...(Object.keys(gate).length > 0 ? { gate } : {}),
      ...(wordShare === undefined ? {} : { minWordSpeechShare: wordShare }),
    },
  );
  const text = heard?.text ?? '';
  const spokenVerdict = await understand(agent, text, request.expect, signal);
  const typedVerdict = await understand(agent, request.text, request.expect, signal);
  const wer = wordErrorRate(request.text, text);
  for (const key of [`${id} ${condition}`, `${id} × ${label} ${condition}`]) {
    const t = tally(key);
    t.clips += 1;
    t.werSum += wer;
    if (spokenVerdict !== 'wrong') t.spokenRight += 1;
    if (typedVerdict !== 'wrong') t.typedRight += 1;
  }
  const utterances = (heard?.utterances ?? []).map((u) => ({
    source: u.source,
    reported: u.reported,
    speechMs: u.speechMs,
    grammar: u.candidates.grammar,
    lm: u.candidates.lm,
  }));
  const record = {
    agent: id,
    voice: label,
    condition,
    split: request.split,
    text: request.text,
    heard: text,
    wer,
    spoken: spokenVerdict,
    typed: typedVerdict,
    utterances,
  };
  if (out) await appendFile(out, `${JSON.stringify(record)}\n`);
  if (quiet) return;
  const mark = spokenVerdict === 'wrong' ? '✗' : '✓';
  console.log(`${mark} [${id}, ${label}, ${condition}] "${request.text}"`);
  console.log(`    heard "${text}" (WER ${(wer * 100).toFixed(0)} %, typed ${typedVerdict})`);
  for (const u of utterances) {
    const fit = (c: { text: string; acousticPerFrame: number } | undefined) =>
      c ? `"${c.text}" ${c.acousticPerFrame.toFixed(1)}` : '-';
    console.log(
      `    ${u.source}${u.reported ? '' : ' (dropped)'} ${u.speechMs} ms: grammar ${fit(u.grammar)} | lm ${fit(u.lm)}`,
    );
  }
}

console.log('\nslice                                       clips   WER  spoken right  typed right');
for (const [key, t] of [...tallies].sort(([a], [b]) => a.localeCompare(b))) {
  const pct = (n: number) => `${((100 * n) / t.clips).toFixed(0).padStart(3)} %`;
  console.log(
    `${key.padEnd(42)} ${String(t.clips).padStart(5)} ${pct(t.werSum)}  ${pct(t.spokenRight).padStart(12)}  ${pct(t.typedRight).padStart(11)}`,
  );
}
