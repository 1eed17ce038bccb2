import { languageTable } from '../text/language.ts';
import { containsPhrase, madeOfPhrases, decisionTokens, phraseTokens } from '../text/tokens.ts';

/**
 * True when everything said is a backchannel ("mhm", "okay", "yeah, right", "mm-hmm"):
 * listener noises that mean "go on", not "stop".
 */
export function isBackchannel(text: string, backchannels: readonly string[]): boolean {
  return madeOfPhrases(decisionTokens(text), phraseTokens(backchannels));
}

/** Words that count towards an interruption: none if it is all backchannel. */
export function interruptingWordCount(text: string, backchannels: readonly string[]): number {
  if (isBackchannel(text, backchannels)) return 0;
  return decisionTokens(text).length;
}

/** Whether the words hold one that interrupts however briefly it is said ("stop", "wait"). */
export function holdsInterruptingWord(text: string, language: string): boolean {
  return containsPhrase(
    decisionTokens(text),
    phraseTokens(languageTable(language).interruptingWords),
  );
}
