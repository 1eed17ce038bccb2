import type { AgentId, Split } from './requests.ts';
import type { Verdict } from './judge.ts';

export interface EvalResult {
  readonly agent: AgentId;
  readonly voice: string;
  readonly voiceSplit: Split;
  readonly phrasingSplit: Split;
  readonly noisy: boolean;
  readonly verdict: Verdict;
  readonly text: string;
  readonly heard: string;
}

export interface Rate {
  readonly label: string;
  readonly right: number;
  readonly asked: number;
  readonly total: number;
}

function rate(label: string, results: readonly EvalResult[]): Rate {
  return {
    label,
    right: results.filter((r) => r.verdict === 'right').length,
    asked: results.filter((r) => r.verdict === 'asked').length,
    total: results.length,
  };
}

function groupBy(results: readonly EvalResult[], key: (r: EvalResult) => string): Rate[] {
  const groups = new Map<string, EvalResult[]>();
  for (const result of results)
    groups.set(key(result), [...(groups.get(key(result)) ?? []), result]);
  return [...groups].map(([label, group]) => rate(label, group));
}

/** A result is held out when neither its phrasing nor its voice was used in building. */
export function heldOut(result: EvalResult): boolean {
  return result.phrasingSplit === 'held-out' && result.voiceSplit === 'held-out';
}

/** The right-action rates the eval prints: per agent, per voice, held-out vs tuned, clean vs noisy. */
export function summarise(results: readonly EvalResult[]): Record<string, Rate[]> {
  return {
    'per agent': groupBy(results, (r) => r.agent),
    'per agent, held-out phrasing and voice': groupBy(results.filter(heldOut), (r) => r.agent),
    'per voice': groupBy(results, (r) => `${r.voice} (${r.voiceSplit})`),
    phrasings: groupBy(results, (r) => `${r.phrasingSplit} phrasings`),
    'held-out vs tuned': groupBy(results, (r) =>
      heldOut(r)
        ? 'held-out phrasing and voice'
        : r.phrasingSplit === 'tuned' && r.voiceSplit === 'tuned'
          ? 'tuned phrasing and voice'
          : 'one of the two held out',
    ),
    noise: groupBy(results, (r) => (r.noisy ? 'noisy (pink noise, 15 dB SNR)' : 'clean')),
  };
}

/** "label  right-action 91 % (40+3/47)" lines: the rate counts read-backs and questions as right. */
export function formatRates(title: string, rates: readonly Rate[]): string[] {
  const lines = [`${title}:`];
  for (const r of rates) {
    const share = r.total === 0 ? 0 : (100 * (r.right + r.asked)) / r.total;
    lines.push(
      `  ${r.label.padEnd(36)} right action ${share.toFixed(0).padStart(3)} %  (${r.right} acted + ${r.asked} read back or asked / ${r.total})`,
    );
  }
  return lines;
}
