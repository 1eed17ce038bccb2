import type { RetrievedPassage } from '../spec/retrieval.ts';

/**
 * The passages as the session puts them in a system message:
 *
 *     Knowledge passages:
 *     [1] (pmp-200-pump.md) PMP-200 centrifugal pump > Startup 1. Check that …
 *
 * One line per passage, numbered from 1, whitespace (newlines included)
 * collapsed to single spaces. The offline dialogue engine parses exactly this.
 * No passages → an empty string.
 */
export function formatPassagesForPrompt(passages: readonly RetrievedPassage[]): string {
  if (passages.length === 0) return '';
  const lines = passages.map(
    (passage, i) =>
      `[${i + 1}] (${passage.source.replace(/[()]/g, '')}) ${passage.text.replace(/\s+/g, ' ').trim()}`,
  );
  return ['Knowledge passages:', ...lines].join('\n');
}
