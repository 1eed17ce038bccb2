/**
 * `npm run bench`: runs every section in turn and writes bench/results/report.md,
 * results.json and chart.svg, then prints the table. `--quick` is a fast smoke run
 * (written to a temp folder unless `--out` is given); `--only=overhead,cache` picks sections.
 */
import { enginesSection } from './engines.ts';
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { bargeInSection } from './barge-in.ts';
import { cacheSection } from './cache.ts';
import { echoSection } from './echo.ts';
import type { Section, SectionResult } from './figures.ts';
import { offlineE2eSection } from './offline-e2e.ts';
import { overheadSection } from './overhead.ts';
import { machineFacts, writeReport } from './report.ts';
import { scaleSection } from './scale.ts';
import { soakSection } from './soak.ts';
import { streamingVsSequentialSection } from './streaming-vs-sequential.ts';
import { telemetrySection } from './telemetry.ts';
import { turnTakingSection } from './turn-taking.ts';

const SECTIONS: readonly { readonly id: string; readonly title: string; readonly run: Section }[] =
  [
    { id: 'engines', title: '0. Local engines', run: enginesSection },
    { id: 'overhead', title: '1. Pipeline overhead', run: overheadSection },
    { id: 'streaming', title: '2. Streaming vs sequential', run: streamingVsSequentialSection },
    { id: 'barge-in', title: '3. Barge-in', run: bargeInSection },
    { id: 'cache', title: '4. Semantic cache', run: cacheSection },
    { id: 'offline', title: '5. Offline stack end to end', run: offlineE2eSection },
    { id: 'scale', title: '6. Scale', run: scaleSection },
    { id: 'soak', title: '7. Soak', run: soakSection },
    { id: 'turn-taking', title: '8. Turn-taking (spoken scenarios)', run: turnTakingSection },
    { id: 'echo', title: '9. Echo cancellation', run: echoSection },
    { id: 'telemetry', title: '10. Telemetry cost', run: telemetrySection },
  ];

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    out: { type: 'string' },
  },
});
const quick = values.quick ?? false;
const only = values.only?.split(',').map((s) => s.trim());
const outDir =
  values.out ??
  (quick ? mkdtempSync(join(tmpdir(), 'parley-bench-')) : join(import.meta.dirname, 'results'));
const log = (line: string) => console.log(`bench: ${line}`);
const controller = new AbortController();
process.once('SIGINT', () => controller.abort());

const startedAtMs = performance.now();
const results: SectionResult[] = [];
for (const section of SECTIONS) {
  if (only && !only.includes(section.id)) continue;
  if (controller.signal.aborted) break;
  log(`${section.title}…`);
  const sectionStartMs = performance.now();
  // Other work on a shared machine moves the tails; say how busy it was.
  const loadNote = `Machine load average (1 min) when the section started: ${loadavg()[0]?.toFixed(2)}.`;
  try {
    const result = await section.run({ quick, signal: controller.signal, log });
    results.push({ ...result, notes: [...result.notes, loadNote] });
  } catch (error: unknown) {
    console.error(`bench: ${section.title} failed`, error);
    results.push({
      id: section.id,
      title: section.title,
      figures: [],
      notes: [],
      details: {},
      unavailable: `failed: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
  log(`${section.title} done in ${Math.round((performance.now() - sectionStartMs) / 1000)} s`);
}

const elapsedMs = performance.now() - startedAtMs;
const table = await writeReport(outDir, results, machineFacts(), quick, elapsedMs);
console.log(`\n${table}\n`);
console.log(`bench: report, JSON and chart in ${outDir} (${Math.round(elapsedMs / 1000)} s)`);
// onnxruntime's thread pool can keep the process alive; everything is written, so leave now.
process.exit(0);
