import type { BenchOptions, SectionResult } from './figures.ts';

export function bargeInSection(_options: BenchOptions): Promise<SectionResult> {
  return Promise.resolve({
    id: 'barge-in',
    title: 'barge-in',
    figures: [],
    notes: [],
    details: {},
    unavailable: 'not written yet',
  });
}
