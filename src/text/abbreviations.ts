/**
 * Word lists and token classes the sentence chunker uses to decide whether a
 * period ends a sentence. Lists are lower-case unless noted.
 */
const words = (list: string): Set<string> => new Set(list.trim().split(/\s+/));

/** Abbreviations that may end a sentence, but usually precede a name or number. */
const ABBREVIATIONS = words(`
  dr mr mrs ms mx prof st mt sr sra srta dra jr rev gen capt lt col sgt gov sen rep hon
  etc inc ltd corp approx dept vol fig ave blvd ud uds`);

/** Case-sensitive: only these spellings are abbreviations ("No. 5", but "I said no."). */
const CAPITALISED_ABBREVIATIONS = words('No Nos Co Av Fr');

/** Abbreviations that practically never end a sentence. */
const NEVER_FINAL = words('e.g i.e cf viz vs');

/** Words before a number that make "<word> 1." a label, as in "Step 1. Open". */
const LIST_WORDS = words(`
  step steps chapter part section item rule phase stage level option point page table
  figure question lesson no number paso capítulo punto opción`);

/**
 * Words that commonly open a sentence. After an abbreviation, a capitalised
 * word from this list means the abbreviation ended the sentence
 * ("Main St. It is"); any other capitalised word means it did not ("St. Louis").
 */
const SENTENCE_STARTERS = words(`
  i i'm i'll i've i'd it it's the this that these those there there's then they we we'll
  we're you you'll you're he she my our your his her their its a an but and so or if when
  while after before now next also however please let let's here here's what why how where
  who which yes no ok okay in on at for to as is are was do does did can could would should
  will thanks thank sorry hi hello great sure just first finally otherwise meanwhile
  el la los las un una yo es pero y entonces luego si hay este esta eso gracias también`);

export type TokenKind = 'plain' | 'abbreviation' | 'initial' | 'never-final';

/**
 * Classifies the token written just before a period. `before` is the text of
 * the current chunk in front of the token (used to spot list numbers).
 */
export function classifyToken(token: string, before: string): TokenKind {
  if (/^\d+$/.test(token)) {
    // "1. The app opens" at the start of a chunk is a list label, never a sentence on its own.
    if (!/[\p{L}\p{N}]/u.test(before)) return 'never-final';
    const previous = /(\p{L}+)[^\p{L}]*$/u.exec(before)?.[1]?.toLowerCase();
    return previous !== undefined && LIST_WORDS.has(previous) ? 'abbreviation' : 'plain';
  }
  const lower = token.toLowerCase();
  if (NEVER_FINAL.has(lower)) return 'never-final';
  if (ABBREVIATIONS.has(lower) || CAPITALISED_ABBREVIATIONS.has(token)) return 'abbreviation';
  if (/^\p{Lu}$/u.test(token)) return 'initial';
  if (/^(?:\p{L}{1,2}\.)+\p{L}{1,2}$/u.test(token)) return 'abbreviation';
  return 'plain';
}

export function isSentenceStarter(word: string): boolean {
  return SENTENCE_STARTERS.has(word.toLowerCase().replace(/’/g, "'"));
}
