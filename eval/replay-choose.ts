/**
 * Replays the grammar/LM chooser over utterances recorded by eval/stages.ts
 * (`--out=`), for a grid of settings, without decoding again: what right-action
 * rate each setting would have given. Use it on the tuning part only.
 *
 *   node --import tsx eval/replay-choose.ts eval/.cache/stages.jsonl
 */
import { readFile } from 'node:fs/promises';
import {
  agreement,
  chooseHypothesis,
  DEFAULT_CHOOSE,
  type Candidate,
  type ChooseOptions,
} from '../src/providers/local/stt/choose.ts';
import { loadEvalAgent, type EvalAgent } from './agents.ts';
import { EVAL_REQUESTS, type AgentId } from './requests.ts';
import { understand } from './understand.ts';

interface Recorded {
  readonly agent: AgentId;
  readonly voice: string;
  readonly condition: string;
  readonly text: string;
  readonly utterances: readonly {
    readonly speechMs: number;
    readonly grammar?: Candidate;
    readonly lm?: Candidate;
  }[];
}

type Chooser = (grammar: Candidate, lm: Candidate) => 'grammar' | 'lm' | 'none';

/** The chooser before this change: an absolute fit, and the grammar whenever the LM heard nothing. */
const previous: Chooser = (grammar, lm) => {
  if (!grammar.text) return 'lm';
  if (!lm.text) return 'grammar';
  if (grammar.acousticPerFrame >= -28) return 'grammar';
  return agreement(grammar.text, lm.text) >= 0.6 && grammar.acousticPerFrame >= -36
    ? 'grammar'
    : 'lm';
};

const choosers: [string, Chooser][] = [['previous', previous]];
for (const maxFitGap of [1, 2, 3, 4, 6])
  for (const extra of [0, 3])
    for (const minDigitEvidence of [0, 0.5]) {
      const options: ChooseOptions = {
        ...DEFAULT_CHOOSE,
        maxFitGap,
        agreedFitGap: maxFitGap + extra,
        minDigitEvidence,
      };
      choosers.push([
        `gap ${maxFitGap}/${maxFitGap + extra} digits ${minDigitEvidence}`,
        (g, l) => chooseHypothesis(g, l, options),
      ]);
    }

// The grammar only when the LM heard much of the same (no outright win on fit alone).
for (const minAgreement of [0.4, 0.5, 0.6])
  for (const agreedFitGap of [2, 5, 10]) {
    const options: ChooseOptions = {
      ...DEFAULT_CHOOSE,
      maxFitGap: -100,
      agreedFitGap,
      minAgreement,
    };
    choosers.push([
      `agree ${minAgreement} gap ${agreedFitGap}`,
      (g, l) => chooseHypothesis(g, l, options),
    ]);
  }

// The LM's text when the grammar only adds a few digit words to it (noise filled with "oh").
for (const maxExtraDigits of [0, 1, 2, 3])
  for (const minLmDigits of [2, 3, 4]) {
    const options: ChooseOptions = { ...DEFAULT_CHOOSE, maxExtraDigits, minLmDigits };
    choosers.push([
      `default, extra digits ${maxExtraDigits} lm digits ${minLmDigits}`,
      (g, l) => chooseHypothesis(g, l, options),
    ]);
  }

const settings = [150].flatMap((minSpeechMs) =>
  choosers.map(
    ([name, choose]) => [`${name}, min ${minSpeechMs} ms`, choose, minSpeechMs] as const,
  ),
);

const lines = (await readFile(process.argv[2] ?? 'eval/.cache/stages.jsonl', 'utf8'))
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as Recorded);
const signal = new AbortController().signal;
const agents = new Map<AgentId, EvalAgent>();
for (const id of new Set(lines.map((line) => line.agent)))
  agents.set(id, await loadEvalAgent(id, signal));

const verdicts = new Map<string, boolean>();
const scores: [string, number][] = [];
for (const [name, choose, minSpeechMs] of settings) {
  let right = 0;
  for (const line of lines) {
    const request = EVAL_REQUESTS.find((r) => r.agent === line.agent && r.text === line.text);
    const agent = agents.get(line.agent);
    if (!request || !agent) throw new Error(`unknown request: ${line.text}`);
    const heard = line.utterances
      .filter((u) => u.speechMs >= minSpeechMs)
      .map((u) => {
        if (!u.grammar) return u.lm?.text ?? '';
        if (!u.lm) return u.grammar.text;
        const source = choose(u.grammar, u.lm);
        return source === 'grammar' ? u.grammar.text : source === 'lm' ? u.lm.text : '';
      })
      .filter(Boolean)
      .join(' ');
    const key = `${line.agent}|${line.text}|${heard}`;
    let ok = verdicts.get(key);
    if (ok === undefined) {
      ok = (await understand(agent, heard, request.expect, signal)) !== 'wrong';
      verdicts.set(key, ok);
    }
    if (ok) right += 1;
  }
  scores.push([name, right]);
}
for (const agent of agents.values()) await agent.close();
scores.sort((a, b) => b[1] - a[1]);
for (const [name, right] of scores)
  console.log(`${name.padEnd(40)} ${right}/${lines.length} right action`);
