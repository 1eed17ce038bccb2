import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { formatValue, renderChart } from './chart.ts';
import { meetsGoal, type Figure, type SectionResult } from './figures.ts';

export interface MachineFacts {
  readonly date: string;
  readonly node: string;
  readonly cpuCount: number;
  readonly cpuModel: string;
  readonly memoryMb: number;
  readonly platform: string;
}

export function machineFacts(): MachineFacts {
  const cpuList = cpus();
  return {
    date: new Date().toISOString(),
    node: process.version,
    cpuCount: cpuList.length,
    cpuModel: cpuList[0]?.model ?? 'unknown',
    memoryMb: Math.round(totalmem() / 1024 / 1024),
    platform: `${process.platform} ${process.arch}`,
  };
}

function verdict(figure: Figure): string {
  if (figure.value === undefined) return figure.goal ? 'not measured' : '';
  const met = meetsGoal(figure);
  return met === undefined ? '' : met ? 'met' : 'NOT met';
}

/** The figure table as markdown rows (also printed to stdout). */
export function renderTable(sections: readonly SectionResult[]): string {
  const lines = ['| figure | measured | goal | met? |', '|---|---|---|---|'];
  for (const section of sections) {
    if (section.unavailable !== undefined) {
      lines.push(`| ${section.title} | not available: ${section.unavailable} | | |`);
      continue;
    }
    for (const figure of section.figures) {
      lines.push(
        `| ${figure.name} | ${formatValue(figure)} | ${figure.goal?.label ?? ''} | ${verdict(figure)} |`,
      );
    }
  }
  return lines.join('\n');
}

function renderMarkdown(
  sections: readonly SectionResult[],
  machine: MachineFacts,
  quick: boolean,
  elapsedMs: number,
): string {
  const out: string[] = [
    '# Parley benchmark report',
    '',
    `Run ${machine.date} on ${machine.cpuCount} × ${machine.cpuModel}, ${machine.memoryMb} MB, ` +
      `${machine.platform}, Node ${machine.node}${quick ? ' — QUICK smoke run, not the full bench' : ''}; ` +
      `took ${Math.round(elapsedMs / 1000)} s.`,
    '',
    'The machine is shared and noisy: other processes run beside the bench, so tails (p95/p99) ' +
      'move between runs. Medians and ratios are the figures to quote. Goals are targets to ' +
      'report against, not test assertions. Regenerate with `npm run bench`.',
    '',
    renderTable(sections),
    '',
    '![measured against goals](chart.svg)',
    '',
  ];
  for (const section of sections) {
    out.push(`## ${section.title}`, '');
    if (section.unavailable !== undefined) out.push(`Not available: ${section.unavailable}`, '');
    for (const note of section.notes) out.push(`- ${note}`);
    for (const figure of section.figures) {
      if (figure.note) out.push(`- **${figure.name}**: ${figure.note}`);
    }
    out.push('');
  }
  return out.join('\n');
}

/** Writes report.md, results.json and chart.svg under `dir`; returns the table for stdout. */
export async function writeReport(
  dir: string,
  sections: readonly SectionResult[],
  machine: MachineFacts,
  quick: boolean,
  elapsedMs: number,
): Promise<string> {
  await mkdir(dir, { recursive: true });
  const figures = sections.flatMap((s) => s.figures);
  const json = {
    machine,
    quick,
    elapsedMs: Math.round(elapsedMs),
    sections: sections.map((s) => ({
      ...s,
      figures: s.figures.map((f) => ({ ...f, met: meetsGoal(f) })),
    })),
  };
  await writeFile(join(dir, 'results.json'), JSON.stringify(json, null, 2) + '\n');
  await writeFile(join(dir, 'report.md'), renderMarkdown(sections, machine, quick, elapsedMs));
  await writeFile(
    join(dir, 'chart.svg'),
    renderChart(figures, `Parley bench, ${machine.cpuCount} cores, ${machine.date.slice(0, 10)}`),
  );
  return renderTable(sections);
}
