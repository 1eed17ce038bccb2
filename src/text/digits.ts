import { type LanguageTable, languageTable } from './language.ts';
import { decisionTokens } from './tokens.ts';

/** A spoken digit word or a number written in digits ("4", "41086753"). */
export function isDigitToken(token: string, table: LanguageTable): boolean {
  return token in table.digitWords || /^\d+$/.test(token);
}

/** Whether token `i` is a zero alias ("oh") with a digit right before or after it. */
function isZeroAliasAt(tokens: readonly string[], i: number, table: LanguageTable): boolean {
  const token = tokens[i];
  if (token === undefined || !table.zeroInDigits.aliases.includes(token)) return false;
  const before = tokens[i - 1];
  const after = tokens[i + 1];
  return (
    (before !== undefined && isDigitToken(before, table)) ||
    (after !== undefined && isDigitToken(after, table))
  );
}

/** The run of digits a transcript ends with: how many tokens, and how many digits they hold. */
export function trailingDigits(
  tokens: readonly string[],
  table: LanguageTable,
): { readonly tokens: number; readonly digits: number } {
  let count = 0;
  let digits = 0;
  for (let i = tokens.length - 1; i >= 0; i--) {
    const token = tokens[i]!;
    // A written number, possibly grouped: "41086753", "555-1234".
    if (/^\d[\d-]*$/.test(token)) digits += token.replace(/-/g, '').length;
    else if (token in table.digitWords || isZeroAliasAt(tokens, i, table)) digits += 1;
    else break;
    count += 1;
  }
  return { tokens: count, digits };
}

/**
 * "oh" said for zero inside a run of digits becomes the zero word, so that the dialogue
 * engine or LLM reads "oh four five" as three digits: "my number is oh four five" →
 * "my number is zero four five". Only a bare "oh" next to a digit changes.
 */
export function spokenZeroes(text: string, language: string): string {
  const table = languageTable(language);
  const { aliases, word } = table.zeroInDigits;
  if (aliases.length === 0) return text;
  const parts = text.split(/(\s+)/);
  const words = parts.filter((_, i) => i % 2 === 0);
  const tokens = words.map((w) => decisionTokens(w)[0] ?? '');
  return parts
    .map((part, i) => {
      if (i % 2 === 1) return part;
      const index = i / 2;
      // "oh," or "Oh." before a number is an interjection; only a bare "oh" is a digit.
      const endsRun = /^\p{L}+\.$/u.test(part) && isDigitToken(tokens[index - 1] ?? '', table);
      const bare = /^\p{L}+$/u.test(part) || endsRun;
      if (!bare || !isZeroAliasAt(tokens, index, table)) return part;
      const zero = /^\p{Lu}/u.test(part) ? word[0]!.toUpperCase() + word.slice(1) : word;
      return zero + part.slice(tokens[index]!.length);
    })
    .join('');
}
