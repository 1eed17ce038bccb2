import type { BenchOptions, SectionResult } from './figures.ts';

export function cacheSection(_options: BenchOptions): Promise<SectionResult> {
  return Promise.resolve({
    id: 'cache',
    title: 'cache',
    figures: [],
    notes: [],
    details: {},
    unavailable: 'not written yet',
  });
}
