/**
 * Knowledge passages arrive as "Heading > Sub heading body…" on one line (the
 * chunker puts the heading path first). An answer is spoken, so it must be the
 * body — never the heading path — tidied for the ear.
 */
export interface PassageParts {
  /** The heading path's words ("Account How do I reset my password?"), for matching only. */
  readonly heading: string;
  readonly body: string;
}

/** Heading segments are short; body text that happens to hold " > " ("under Account > Plan") is not one. */
const MAX_SEGMENT_CHARS = 60;
const MAX_SEGMENT_WORDS = 8;
const MAX_HEADING_WORDS = 6;
const LIST_NUMBER = /^\d+[.)]$/;

/** Splits the leading words that are the last heading from the body that follows. */
function lastHeading(rest: string): { heading: string; body: string } {
  const question = /^[^.!?]{1,100}\?\s+/.exec(rest);
  if (question) return { heading: question[0].trim(), body: rest.slice(question[0].length) };
  const words = rest.split(/\s+/);
  // The heading ends before the next capitalised word or list number ("Startup 1. Check…", "Safety Never…").
  let end = 1;
  while (
    end < Math.min(words.length, MAX_HEADING_WORDS) &&
    !/^\p{Lu}/u.test(words[end] ?? '') &&
    !LIST_NUMBER.test(words[end] ?? '')
  )
    end++;
  if (end >= MAX_HEADING_WORDS || end >= words.length) return { heading: '', body: rest };
  return { heading: words.slice(0, end).join(' '), body: words.slice(end).join(' ') };
}

export function splitHeading(text: string): PassageParts {
  const segments = text.split(' > ');
  if (segments.length < 2) return { heading: '', body: text };
  const path: string[] = [];
  let index = 0;
  const isHeading = (segment: string) =>
    segment.length <= MAX_SEGMENT_CHARS &&
    segment.split(/\s+/).length <= MAX_SEGMENT_WORDS &&
    !/[.,;:!?]/.test(segment);
  while (index < segments.length - 1 && isHeading(segments[index] ?? '')) {
    path.push(segments[index] ?? '');
    index++;
  }
  if (path.length === 0) return { heading: '', body: text };
  const rest = segments.slice(index).join(' > ');
  const last = lastHeading(rest);
  return { heading: [...path, last.heading].join(' ').trim(), body: last.body };
}

/** Text for the ear: no markdown marks, "Account > Plan" read as "Account, then Plan". */
export function forSpeech(text: string): string {
  return text
    .replace(/\s+>\s+/g, ', then ')
    .replace(/[*_`#]+/g, '')
    .replace(/(^|\s)[-•]\s+/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}
