import { decisionTokens } from '../text/tokens.ts';

/**
 * True when everything said is a backchannel ("mhm", "okay", "yeah, right"):
 * listener noises that mean "go on", not "stop".
 */
export function isBackchannel(text: string, backchannels: readonly string[]): boolean {
  const tokens = decisionTokens(text);
  if (tokens.length === 0) return false;
  const phrases = backchannels.map((b) => decisionTokens(b)).filter((p) => p.length > 0);
  let i = 0;
  while (i < tokens.length) {
    const match = phrases
      .filter((p) => p.every((word, k) => tokens[i + k] === word))
      .sort((a, b) => b.length - a.length)[0];
    if (match === undefined) return false;
    i += match.length;
  }
  return true;
}

/** Words that count towards an interruption: none if it is all backchannel. */
export function interruptingWordCount(text: string, backchannels: readonly string[]): number {
  if (isBackchannel(text, backchannels)) return 0;
  return decisionTokens(text).length;
}
