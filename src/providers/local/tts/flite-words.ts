import { captureStdout } from './child.ts';
import { parseTimedPhones, phoneGroups, wordsFromPhones } from './phone-words.ts';
import type { AlignedWord } from './word-align.ts';

const SPOKEN = /[\p{L}\p{N}]/u;

/**
 * Word timings for a flite segment from flite's own timed phones (`-psdur`
 * output of the synthesis run): a second, cheap flite run (`-ps`, no audio)
 * gives each word's phones, spoken as separate sentences so pauses mark the
 * word boundaries. Returns undefined (the caller then estimates from audio)
 * when the words and phone groups do not pair up, e.g. for "U.S.".
 */
export async function fliteWordTimes(
  text: string,
  voice: string,
  timedPhonesOutput: string,
  signal: AbortSignal,
): Promise<AlignedWord[] | undefined> {
  const words = text.split(/\s+/).filter((word) => word.length > 0);
  const spoken = words.filter((word) => SPOKEN.test(word));
  if (spoken.length === 0) return undefined;
  const separate = spoken.map((word) => word.replace(/[.,;:!?]+$/u, '')).join('. ') + '.';
  const args = ['-voice', voice, '-ps', '-t', separate, '-o', 'none'];
  const groups = phoneGroups(await captureStdout('local', 'flite', args, signal));
  const timed = wordsFromPhones(spoken, groups, parseTimedPhones(timedPhonesOutput));
  if (!timed) return undefined;
  // Tokens with nothing to say ("-", "—") get a zero-length slot where they stand.
  let next = 0;
  let previousEndMs = timed[0]?.startMs ?? 0;
  return words.map((word) => {
    const match = SPOKEN.test(word) ? timed[next++] : undefined;
    if (match) previousEndMs = match.endMs;
    return match ?? { word, startMs: previousEndMs, endMs: previousEndMs };
  });
}
