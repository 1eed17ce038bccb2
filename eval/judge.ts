import type { Decision } from '../src/providers/local/dialogue/decide.ts';
import { toolArguments } from '../src/providers/local/dialogue/tool-turn.ts';
import type { Expectation } from './requests.ts';

/** 'right': the action itself; 'asked': a read-back or a question for a missing value on the way to it. */
export type Verdict = 'right' | 'asked' | 'wrong';

function foldCase(value: unknown): unknown {
  return typeof value === 'string' ? value.normalize('NFC').toLowerCase() : value;
}

/** Whether every expected argument that is present has the expected value (all present when `complete`). */
function argumentsAgree(
  actual: Readonly<Record<string, unknown>>,
  expected: Readonly<Record<string, unknown>>,
  complete: boolean,
): boolean {
  return Object.entries(expected).every(([name, value]) =>
    actual[name] === undefined ? !complete : foldCase(actual[name]) === foldCase(value),
  );
}

/** How the engine's first decision after one spoken request measures up to what was right. */
export function judge(decision: Decision, expect: Expectation, language: string): Verdict {
  if (expect.kind === 'reply') {
    return decision.type === 'say' &&
      decision.text.toLowerCase().includes(expect.includes.toLowerCase())
      ? 'right'
      : 'wrong';
  }
  const expectedArgs = expect.args ?? {};
  if (decision.type === 'call') {
    return decision.toolName === expect.tool && argumentsAgree(decision.args, expectedArgs, true)
      ? 'right'
      : 'wrong';
  }
  if (decision.type !== 'say' || decision.intent?.tool !== expect.tool) return 'wrong';
  if (decision.kind !== 'confirm' && decision.kind !== 'prompt') return 'wrong';
  const args = toolArguments(decision.intent, decision.values ?? {}, language);
  return argumentsAgree(args, expectedArgs, false) ? 'asked' : 'wrong';
}
