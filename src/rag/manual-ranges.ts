import { parseFrontMatter } from './front-matter.ts';

export interface OperatingRange {
  readonly min: number;
  readonly max: number;
  readonly unit: string;
}

export interface ManualRanges {
  /** e.g. `PMP-200`; empty when the file names no component. */
  readonly componentId: string;
  /** Keyed as written, e.g. `discharge_pressure_bar`. */
  readonly ranges: Record<string, OperatingRange>;
}

const RANGE = /^(-?\d+(?:\.\d+)?)\s*(?:-|–|\.\.|to)\s*(-?\d+(?:\.\d+)?)\s*(.*)$/;

/** Unit suffixes of range keys, used when the value names no unit. */
const KEY_UNITS: readonly (readonly [string, string])[] = [
  ['_mm_s', 'mm/s'],
  ['_l_min', 'l/min'],
  ['_m3_h', 'm3/h'],
  ['_bar', 'bar'],
  ['_c', '°C'],
  ['_rpm', 'rpm'],
  ['_kw', 'kW'],
  ['_a', 'A'],
  ['_v', 'V'],
  ['_pct', '%'],
  ['_hz', 'Hz'],
  ['_nm', 'N·m'],
  ['_h', 'h'],
];

/**
 * Reads the `component:` field and the `ranges:` block of a technician manual:
 * `discharge_pressure_bar: 2.0-6.5` (unit from the key's suffix) or
 * `speed: 1450-1500 rpm` (unit written out). Lines that are not ranges are skipped.
 */
export function parseManualRanges(markdown: string): ManualRanges {
  const { fields, blocks } = parseFrontMatter(markdown);
  const ranges: Record<string, OperatingRange> = {};
  for (const [key, value] of Object.entries(blocks['ranges'] ?? {})) {
    const match = RANGE.exec(value);
    if (!match) continue;
    const a = Number(match[1]);
    const b = Number(match[2]);
    const written = (match[3] ?? '').trim();
    const unit = written || (KEY_UNITS.find(([suffix]) => key.endsWith(suffix))?.[1] ?? '');
    ranges[key] = { min: Math.min(a, b), max: Math.max(a, b), unit };
  }
  return { componentId: fields['component'] ?? '', ranges };
}
