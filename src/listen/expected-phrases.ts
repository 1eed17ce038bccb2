import { LANGUAGE_TABLES } from '../text/language.ts';
import { decisionTokens } from '../text/tokens.ts';

/** Every language's digit words and zero aliases (from the one language table), or written digits. */
const DIGIT_WORDS = [
  ...new Set(
    Object.values(LANGUAGE_TABLES).flatMap((t) => [
      ...Object.keys(t.digitWords),
      ...t.zeroInDigits.aliases,
    ]),
  ),
  '\\d+',
].join('|');

function escapeWord(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One phrase in the agents' vocabulary syntax (`[optional]`, `( a | b )`, `{slot}`) as a regex source. */
function phraseSource(phrase: string): string {
  const parts = phrase.match(/\[|\]|\(|\)|\||\{[^}]+\}|[^\s[\]()|{}]+/g) ?? [];
  let source = '';
  for (const part of parts) {
    if (part === '[') source += '(?:';
    else if (part === ']') source += ')?';
    else if (part === '(') source += '(?:';
    else if (part === ')') source += ')';
    else if (part === '|') source += '|';
    else if (/^\{(digit|digits|number)\}$/.test(part)) source += `(?:(?:${DIGIT_WORDS}) ?)+`;
    else if (part.startsWith('{')) source += '(?:\\S+ ?)+';
    else
      source += decisionTokens(part)
        .map((w) => `${escapeWord(w)} ?`)
        .join('');
  }
  return source;
}

/**
 * A test for "this is one of the things users of this agent say, said whole":
 * a transcript that matches one of the agent's expected phrases is complete
 * even without punctuation (offline recognisers give none). Phrases that end in
 * a slot are left out — the user may still be dictating.
 */
export function compileExpectedPhrases(
  phrases: readonly string[],
): (transcript: string) => boolean {
  const whole = phrases.filter((p) => !/\}\s*\]?\s*$/.test(p.trim()));
  if (whole.length === 0) return () => false;
  const pattern = new RegExp(`^(?:${whole.map((p) => `(?:${phraseSource(p)})`).join('|')})$`);
  return (transcript) => {
    const text = `${decisionTokens(transcript).join(' ')} `;
    return text.trim() !== '' && pattern.test(text);
  };
}
