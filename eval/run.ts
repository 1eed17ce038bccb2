/**
 * The offline evaluation: `npm run eval` (add `--quick` for three voices,
 * `--voices="RHVoice clb,Pico en-US"` to choose, `--misses` to list every wrong action,
 * `--lead-in=short` for 300 ms of noise before a noisy request instead of a session's 2.5 s). Each request is spoken by each voice of its
 * language (every other one with pink noise at 15 dB SNR), recognised by
 * pocketsphinx with the agent's vocabulary, then answered by the dialogue
 * engine with retrieval and sentence embeddings, as a server session would. It
 * prints right-action rates per agent, per voice and held-out vs tuned, the
 * recogniser's word error on human speech, and the embedder's and voices' costs.
 * Audio is generated at run time and cached in eval/.cache/ (never committed).
 */
import { performance } from 'node:perf_hooks';
import { describeVoice } from '../src/providers/local/tts/choose-voice.ts';
import { createUseLiteEmbedder } from '../src/providers/local/embedder/index.ts';
import { loadEvalAgent } from './agents.ts';
import { librivoxWordError } from './librivox.ts';
import { formatRates, summarise, type EvalResult } from './report.ts';
import { EVAL_REQUESTS, type AgentId } from './requests.ts';
import { measureTtsLatency } from './tts-latency.ts';
import { transcribeClips } from './transcribe.ts';
import { understand } from './understand.ts';
import { EVAL_VOICES, isNoisy, LEAD_IN_MS, spoken, type LeadIn } from './voices.ts';

const signal = new AbortController().signal;
const quick = process.argv.includes('--quick');
const showMisses = process.argv.includes('--misses');
const leadIn: LeadIn = process.argv.includes('--lead-in=short') ? 'short' : 'session';
const voicesArgument = process.argv.find((arg) => arg.startsWith('--voices='));
const named = voicesArgument?.slice('--voices='.length).split(',');
const voices = named
  ? EVAL_VOICES.filter((v) => named.includes(describeVoice(v.choice)))
  : quick
    ? EVAL_VOICES.filter((v) =>
        ['flite kal16', 'RHVoice bdl', 'Pico es-ES'].includes(describeVoice(v.choice)),
      )
    : EVAL_VOICES;

async function evaluateAgent(id: AgentId): Promise<EvalResult[]> {
  const agent = await loadEvalAgent(id, signal);
  const requests = EVAL_REQUESTS.filter((request) => request.agent === id);
  const results: EvalResult[] = [];
  try {
    for (const voice of voices) {
      if (!agent.language.startsWith(voice.language)) continue;
      const noisy = requests.map((_, index) => isNoisy(voice, index));
      const clips = await Promise.all(
        requests.map((request, index) =>
          spoken(voice, request.text, noisy[index] ?? false, signal, leadIn),
        ),
      );
      const heard = await transcribeClips(
        clips,
        agent.vocabulary,
        agent.language.startsWith('en'),
        signal,
      );
      for (const [index, request] of requests.entries()) {
        const text = heard[index] ?? '';
        const verdict = await understand(agent, text, request.expect, signal);
        results.push({
          agent: id,
          voice: describeVoice(voice.choice),
          voiceSplit: voice.split,
          phrasingSplit: request.split,
          noisy: noisy[index] ?? false,
          verdict,
          text: request.text,
          heard: text,
        });
      }
      const done = results.filter((r) => r.voice === describeVoice(voice.choice));
      const right = done.filter((r) => r.verdict !== 'wrong').length;
      console.error(
        `eval: ${id} × ${describeVoice(voice.choice)}: ${right}/${done.length} right action`,
      );
    }
  } finally {
    await agent.close();
  }
  return results;
}

async function embedderFigures(): Promise<string> {
  const before = process.memoryUsage().rss;
  const embedder = createUseLiteEmbedder();
  let started = performance.now();
  await embedder.embed(['warm up'], signal);
  const loadMs = performance.now() - started;
  const rssMb = (process.memoryUsage().rss - before) / 1e6;
  started = performance.now();
  const queries = 20;
  for (let i = 0; i < queries; i++)
    await embedder.embed([`can you check the status of order ${i}`], signal);
  const msPerQuery = (performance.now() - started) / queries;
  return `USE-lite embedder: load ${loadMs.toFixed(0)} ms, +${rssMb.toFixed(0)} MB resident (weights and runtime, once per process), ${msPerQuery.toFixed(0)} ms/query`;
}

const started = performance.now();
const results: EvalResult[] = [];
for (const id of ['support', 'technician', 'cafe'] as const)
  results.push(...(await evaluateAgent(id)));
console.log(
  `${results.length} spoken requests, ${voices.length} voices, ${LEAD_IN_MS[leadIn]} ms of noise before a noisy one\n`,
);
for (const [title, rates] of Object.entries(summarise(results))) {
  for (const line of formatRates(title, rates)) console.log(line);
}
if (showMisses) {
  console.log('\nwrong actions:');
  for (const r of results.filter((result) => result.verdict === 'wrong')) {
    console.log(
      `  [${r.agent}, ${r.voice}${r.noisy ? ', noisy' : ''}] "${r.text}" → heard "${r.heard}"`,
    );
  }
}
const librivox = await librivoxWordError(signal);
console.log(
  `\nrecogniser on human speech (LibriVox, ${librivox.words} words): word error ${(librivox.wer * 100).toFixed(1)} %`,
);
for (const line of librivox.lines) console.log(line);
console.log(`\n${await embedderFigures()}`);
console.log('\nvoices (first audio, median of 5):');
for (const line of await measureTtsLatency()) console.log(`  ${line}`);
console.log(`\neval took ${((performance.now() - started) / 1000).toFixed(0)} s`);
