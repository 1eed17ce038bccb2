import type { OperatingRange } from '../../rag/index.ts';
import { quantityName, type Manual } from './manuals.ts';

export interface ReadingCheck {
  readonly status: 'ALERT' | 'OK';
  readonly componentId: string;
  readonly quantity: string;
  readonly value: number;
  readonly range: OperatingRange;
  readonly message: string;
}

/**
 * The range a spoken quantity refers to: the first range (in manual order)
 * whose name holds every word said, so "pressure" on a pump is its discharge pressure.
 */
export function findRange(
  manual: Manual,
  quantity: string,
): { key: string; range: OperatingRange } | undefined {
  const said = quantity.toLowerCase().split(/\s+/).filter(Boolean);
  for (const [key, range] of manual.ranges) {
    const name = quantityName(key).split(' ');
    if (said.every((word) => name.some((part) => part.startsWith(word.replace(/s$/, ''))))) {
      return { key, range };
    }
  }
  return undefined;
}

function format(value: number, unit: string): string {
  return `${value} ${unit}`.trim();
}

/** Compares a reported value with the manual's safe range. */
export function checkReading(
  manual: Manual,
  key: string,
  range: OperatingRange,
  value: number,
): ReadingCheck {
  const quantity = quantityName(key);
  const base = { componentId: manual.componentId, quantity, value, range };
  if (value > range.max) {
    return {
      ...base,
      status: 'ALERT',
      message: `ALERT: ${format(value, range.unit)} is above the ${format(range.max, range.unit)} maximum for ${manual.componentId} ${quantity}. Act now: follow the manual's safety steps.`,
    };
  }
  if (value < range.min) {
    return {
      ...base,
      status: 'ALERT',
      message: `ALERT: ${format(value, range.unit)} is below the ${format(range.min, range.unit)} minimum for ${manual.componentId} ${quantity}. Act now: follow the manual's safety steps.`,
    };
  }
  return {
    ...base,
    status: 'OK',
    message: `OK: ${format(value, range.unit)} is inside ${range.min} to ${format(range.max, range.unit)} for ${manual.componentId} ${quantity}.`,
  };
}
