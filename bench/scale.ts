import type { BenchOptions, SectionResult } from './figures.ts';

export function scaleSection(_options: BenchOptions): Promise<SectionResult> {
  return Promise.resolve({
    id: 'scale',
    title: 'scale',
    figures: [],
    notes: [],
    details: {},
    unavailable: 'not written yet',
  });
}
