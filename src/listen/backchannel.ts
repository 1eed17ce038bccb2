import { type LanguageTable, languageTable } from '../text/language.ts';
import { containsPhrase, madeOfPhrases, decisionTokens, phraseTokens } from '../text/tokens.ts';

/**
 * A token that carries no request: a filler ("uh", "the") or a single letter that is not a
 * word — a recogniser spelling a hum ("m h m", "m m h").
 */
function isFragment(token: string, table: LanguageTable): boolean {
  if (table.fillers.includes(token)) return true;
  return [...token].length === 1 && /\p{L}/u.test(token) && !table.oneLetterWords.includes(token);
}

/**
 * True when everything said is a listener's noise: backchannels that mean "go on", not
 * "stop" ("mhm", "okay", "yeah, right", "mm-hmm"), with fillers and stray letters around them
 * or alone ("uh okay", "m h m", "mhm h m m", "uh the").
 */
export function isBackchannel(
  text: string,
  backchannels: readonly string[],
  language: string,
): boolean {
  const tokens = decisionTokens(text);
  const table = languageTable(language);
  const meant = tokens.filter((token) => !isFragment(token, table));
  if (tokens.length > 0 && meant.length === 0) return true;
  return madeOfPhrases(meant, phraseTokens(backchannels));
}

/**
 * True when the words are a listener's noise that names a backchannel ("mhm", "uh okay"), not
 * fillers or stray letters alone ("the", "so", "m"): what a recogniser that heard a backchannel
 * writes.
 */
export function namesBackchannel(
  text: string,
  backchannels: readonly string[],
  language: string,
): boolean {
  const table = languageTable(language);
  const meant = decisionTokens(text).filter((token) => !isFragment(token, table));
  return meant.length > 0 && madeOfPhrases(meant, phraseTokens(backchannels));
}

/**
 * Whether one of the recogniser's other readings of the same audio (its `alternatives`) is
 * all a listener's noise: then the words it chose may be a backchannel misheard.
 */
export function readsAsBackchannel(
  alternatives: readonly string[] | undefined,
  interruption: { readonly backchannels: readonly string[] },
  language: string,
): boolean {
  return (alternatives ?? []).some(
    (reading) =>
      reading.trim() !== '' && isBackchannel(reading, interruption.backchannels, language),
  );
}

/**
 * Whether a final's words could be a backchannel misheard: one of its other readings is one,
 * or the latest interim named one ("mhm") that the final took back ("to make sure", not
 * "mhm okay") — the recogniser's own reading of nearly the same audio. An interim of fillers
 * alone ("so", "the") names nothing: it is how any word begins.
 */
export function finalReadsAsBackchannel(
  final: { readonly text: string; readonly alternatives?: readonly string[] | undefined },
  latestInterim: string,
  interruption: { readonly backchannels: readonly string[] },
  language: string,
): boolean {
  const interimTokens = decisionTokens(latestInterim);
  // A final that still holds the interim's words ("okay what about …") went on from it.
  const takenBack =
    interimTokens.length > 0 &&
    !containsPhrase(decisionTokens(final.text), [interimTokens]) &&
    namesBackchannel(latestInterim, interruption.backchannels, language);
  return takenBack || readsAsBackchannel(final.alternatives, interruption, language);
}

/** Words that count towards an interruption: none if it is all a listener's noise. */
export function interruptingWordCount(
  text: string,
  backchannels: readonly string[],
  language: string,
): number {
  if (isBackchannel(text, backchannels, language)) return 0;
  return decisionTokens(text).length;
}

/** Whether the words hold one that interrupts however briefly it is said ("stop", "wait"). */
export function holdsInterruptingWord(text: string, language: string): boolean {
  return containsPhrase(
    decisionTokens(text),
    phraseTokens(languageTable(language).interruptingWords),
  );
}
