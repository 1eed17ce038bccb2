import type { RetrievedPassage } from '../spec/retrieval.ts';

/**
 * Retrieved passages as a system message. The offline dialogue engine parses
 * exactly this shape: a `Knowledge passages:` line, then `[n] (source) text`.
 */
export function formatPassages(passages: readonly RetrievedPassage[]): string {
  const lines = passages.map(
    (p, i) => `[${i + 1}] (${p.source}) ${p.text.replace(/\s+/g, ' ').trim()}`,
  );
  return ['Knowledge passages:', ...lines].join('\n');
}
