import type { CellResult } from './suite.ts';

/** The pass/fail table: one row per scenario × voice × clean/noisy, with the reason. */
export function renderTable(results: readonly CellResult[]): string {
  const rows = results.map((r) => [
    r.scenario.id,
    r.voice,
    r.noisy ? 'noisy' : 'clean',
    r.verdict.pass ? 'PASS' : 'FAIL',
    r.verdict.reason.replace(/\|/g, '/'),
  ]);
  const passed = results.filter((r) => r.verdict.pass).length;
  return [
    '| scenario | voice | audio | result | what happened |',
    '|---|---|---|---|---|',
    ...rows.map((cells) => `| ${cells.join(' | ')} |`),
    '',
    `${passed}/${results.length} passed`,
  ].join('\n');
}
