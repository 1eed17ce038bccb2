import { setTimeout as sleep } from 'node:timers/promises';
import type { ToolContext } from '../../spec/tool.ts';

/**
 * Runs labelled checks one after another, reporting progress before each and
 * 1 at the end. `stepMs` stands in for the time each real check would take.
 */
export async function runChecks(
  labels: readonly string[],
  stepMs: number,
  context: ToolContext,
): Promise<void> {
  for (const [index, label] of labels.entries()) {
    context.reportProgress(index / labels.length, label);
    if (stepMs > 0) await sleep(stepMs, undefined, { signal: context.signal });
  }
  context.reportProgress(1, 'Done');
}
