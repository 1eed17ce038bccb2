import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chunkMarkdown, parseManualRanges, type OperatingRange } from '../../rag/index.ts';

export interface ManualSection {
  readonly heading: string;
  readonly text: string;
}

export interface Manual {
  readonly componentId: string;
  readonly name: string;
  readonly source: string;
  /** In the order the manual lists them, keyed as written (`discharge_pressure_bar`). */
  readonly ranges: readonly (readonly [string, OperatingRange])[];
  readonly sections: readonly ManualSection[];
}

/** Reads every manual in `dir`: its component id, safe ranges and sections. */
export function loadManuals(dir: string): Map<string, Manual> {
  const manuals = new Map<string, Manual>();
  for (const file of readdirSync(dir)
    .filter((name) => name.endsWith('.md'))
    .sort()) {
    const markdown = readFileSync(join(dir, file), 'utf8');
    const { componentId, ranges } = parseManualRanges(markdown);
    if (!componentId) continue;
    const chunks = chunkMarkdown(markdown);
    manuals.set(componentId.toUpperCase(), {
      componentId,
      name: chunks[0]?.fields['name'] ?? componentId,
      source: file,
      ranges: Object.entries(ranges),
      sections: chunks.map((chunk) => ({
        heading: chunk.headingPath.at(-1) ?? componentId,
        text: chunk.text,
      })),
    });
  }
  return manuals;
}

/** `discharge_pressure_bar` → `discharge pressure`. */
export function quantityName(key: string): string {
  const words = key.split('_');
  const unitWords = new Set([
    'bar',
    'c',
    'mm',
    's',
    'rpm',
    'a',
    'v',
    'pct',
    'h',
    'kw',
    'hz',
    'm3',
    'l',
    'min',
    'nm',
  ]);
  while (words.length > 1 && unitWords.has(words.at(-1) ?? '')) words.pop();
  return words.join(' ');
}

/** "2.0 to 6.5 bar" — said the way it is read off a gauge. */
export function spokenRange(range: OperatingRange): string {
  return `${range.min} to ${range.max} ${range.unit}`.trim();
}
