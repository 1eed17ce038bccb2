import { languageTable } from '../../../text/language.ts';

const english = languageTable('en-US');

/**
 * Words the English recogniser writes when it hears a digit: the language
 * table's digit words and zero aliases ("oh"), "double"/"triple", and the
 * homophones an open-vocabulary model prefers in context ("for" for four,
 * "to"/"too" for two, "won" for one, "ate" for eight).
 */
export const DIGIT_LIKE_WORDS: ReadonlySet<string> = new Set([
  ...Object.keys(english.digitWords),
  ...english.zeroInDigits.aliases,
  'double',
  'triple',
  'won',
  'to',
  'too',
  'for',
  'fore',
  'ate',
]);
