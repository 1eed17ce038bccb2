import { stripMarkdown } from './markdown.ts';

/**
 * Makes LLM text speakable: strips Markdown, expands a few symbols and
 * abbreviations ("%", "&", "°C", "e.g.") in English or Spanish (language
 * codes starting with "es"; anything else is English), and collapses
 * whitespace to single spaces.
 */
interface Words {
  readonly percent: string;
  readonly and: string;
  readonly degrees: string;
  readonly celsius: string;
  readonly fahrenheit: string;
  readonly forExample: string;
  readonly thatIs: string;
}

const ENGLISH: Words = {
  percent: 'percent',
  and: 'and',
  degrees: 'degrees',
  celsius: 'degrees Celsius',
  fahrenheit: 'degrees Fahrenheit',
  forExample: 'for example',
  thatIs: 'that is',
};

const SPANISH: Words = {
  percent: 'por ciento',
  and: 'y',
  degrees: 'grados',
  celsius: 'grados Celsius',
  fahrenheit: 'grados Fahrenheit',
  forExample: 'por ejemplo',
  thatIs: 'es decir',
};

function expandSymbols(text: string, words: Words): string {
  return text
    .replace(/\s*°\s*C\b/g, ` ${words.celsius}`)
    .replace(/\s*°\s*F\b/g, ` ${words.fahrenheit}`)
    .replace(/\s*°/g, ` ${words.degrees}`)
    .replace(/\s*%/g, ` ${words.percent}`)
    .replace(/\s*&\s*/g, ` ${words.and} `)
    .replace(/\be\.g\.(?=\s|,|$)/gi, words.forExample)
    .replace(/\bi\.e\.(?=\s|,|$)/gi, words.thatIs)
    .replace(/\bp\. ?ej\.(?=\s|,|$)/gi, SPANISH.forExample);
}

export function normalizeForSpeech(text: string, language?: string): string {
  const words = language?.toLowerCase().startsWith('es') === true ? SPANISH : ENGLISH;
  return expandSymbols(stripMarkdown(text), words).replace(/\s+/g, ' ').trim();
}
