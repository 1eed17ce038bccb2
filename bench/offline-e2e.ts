import type { BenchOptions, SectionResult } from './figures.ts';

export function offlineE2eSection(_options: BenchOptions): Promise<SectionResult> {
  return Promise.resolve({
    id: 'offline-e2e',
    title: 'offline-e2e',
    figures: [],
    notes: [],
    details: {},
    unavailable: 'not written yet',
  });
}
