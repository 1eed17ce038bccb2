import type { DialogueSlot } from '../../../spec/dialogue.ts';
import { findDigitRuns } from './digits.ts';
import { foldText, tokenize, type Token } from './normalize.ts';
import { wordSimilarity } from './similarity.ts';

export interface EnumMatch {
  readonly value: string;
  /** The value or synonym that was heard, as the script spells it ("cafés" for the value "café"). */
  readonly phrase: string;
  readonly start: number;
  readonly end: number;
  readonly score: number;
}

const MIN_WORD_SIMILARITY = 0.8;
const MAX_COMPACT_WINDOW = 8;

/** Letters and figures only: `PMP-200` → `pmp200`. */
function compact(text: string): string {
  return foldText(text).replace(/[^a-z0-9]/g, '');
}

/** Tokens as spoken pieces, digit runs read as figures: "p m p two zero zero" → p, m, p, 200. */
function spokenPieces(tokens: readonly Token[]): { text: string; start: number; end: number }[] {
  const runs = findDigitRuns(tokens);
  const pieces: { text: string; start: number; end: number }[] = [];
  let index = 0;
  while (index < tokens.length) {
    const run = runs.find((candidate) => candidate.start === index);
    if (run !== undefined) {
      pieces.push({ text: run.digits, start: run.start, end: run.end });
      index = run.end;
    } else {
      pieces.push({ text: compact(tokens[index]?.text ?? ''), start: index, end: index + 1 });
      index++;
    }
  }
  return pieces;
}

/** A phrase spelled or read out piece by piece: "P M P two zero zero", "PMP 200". */
function compactMatches(
  pieces: readonly { text: string; start: number; end: number }[],
  value: string,
  phrase: string,
): EnumMatch[] {
  const target = compact(phrase);
  if (target.length < 2) return [];
  const matches: EnumMatch[] = [];
  for (let from = 0; from < pieces.length; from++) {
    let joined = '';
    for (let to = from; to < Math.min(pieces.length, from + MAX_COMPACT_WINDOW); to++) {
      joined += pieces[to]?.text ?? '';
      if (joined === target) {
        matches.push({
          value,
          phrase,
          start: pieces[from]?.start ?? 0,
          end: pieces[to]?.end ?? 0,
          score: 1,
        });
      }
      if (joined.length >= target.length) break;
    }
  }
  return matches;
}

/** The phrase's words in a row, each close enough to the word heard. */
function wordMatches(tokens: readonly Token[], value: string, phrase: string): EnumMatch[] {
  const words = tokenize(phrase);
  if (words.length === 0) return [];
  const matches: EnumMatch[] = [];
  for (let from = 0; from + words.length <= tokens.length; from++) {
    let total = 0;
    let matched = true;
    for (const [offset, word] of words.entries()) {
      const heard = tokens[from + offset];
      const similarity = heard === undefined ? 0 : wordSimilarity(word, heard);
      if (similarity < MIN_WORD_SIMILARITY) {
        matched = false;
        break;
      }
      // The form heard exactly beats one only of the same stem ("quiere" over "quiero").
      total += similarity + (heard?.text === word.text ? 0.001 : 0);
    }
    if (matched) {
      // Longer phrases are more specific ("very high" beats "high"); function words alone are weak ("té"/"te").
      const weak = words.every((word) => word.stop);
      const score = (total / words.length) * (weak ? 0.5 : 1) + words.length * 0.01;
      matches.push({ value, phrase, start: from, end: from + words.length, score });
    }
  }
  return matches;
}

/** The best value of an enum slot named in the tokens, if any. */
export function findEnumValue(tokens: readonly Token[], slot: DialogueSlot): EnumMatch | undefined {
  let best: EnumMatch | undefined;
  const pieces = spokenPieces(tokens);
  for (const value of slot.values ?? []) {
    for (const phrase of [value, ...(slot.synonyms?.[value] ?? [])]) {
      for (const match of [
        ...wordMatches(tokens, value, phrase),
        ...compactMatches(pieces, value, phrase),
      ]) {
        if (best === undefined || match.score > best.score) best = match;
      }
    }
  }
  return best;
}
