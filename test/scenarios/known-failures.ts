/**
 * Scenarios of the spoken suite that do not pass reliably, by scenario id, with what happened in
 * `node --import tsx --test test/scenarios/spoken.test.ts`. An entry is deleted once it passes
 * two runs of two on the current code.
 *
 * 27 Nov, runs A–D (15:12–15:35 UTC, load 9–16, sessions seconds behind): mhm, mm-hmm, uh-huh and
 * barge-in middle passed two of two and left.
 * Runs F and G (18:33 and 18:35 UTC, load ~1.5, scenarios alone) on the merged code of the next
 * wave (speexdsp suppression on with the speech gate on the raw audio and its floor allowed up to
 * -25 dBFS; preemptive replies; turns ending on the final's words): yeah, door slam and phone
 * number passed both and left. Right failed F and passed G; hold on a second failed both.
 * Runs H and I (21:11 and 21:14 UTC, load 0.4-1.3, scenarios alone) on the merged code of the
 * wave after (a keyword-spotting search for the turn-taking phrases beside the decoders): right
 * passed both (and both of the words helper's runs) and left; hold on a second failed both.
 * The fresh-clone run of 21:16 UTC (load 3-4, a helper's tests beside it) failed uh-huh, which
 * had passed every run since run D: it is listed again until it passes two of two.
 * Runs J and K (21:42 and 21:44 UTC, load ~1, scenarios alone) with the denoiser's warm start
 * (the stream's first 300 ms of steady noise replayed into speexdsp): all 18 passed. Hold on a
 * second passed both (and both of the warm-start helper's runs) and left. Uh-huh passed both,
 * and the fresh-clone run of 21:46 (all 18 passed): 6 of its last 7 runs. It stays listed, as a
 * scenario that fails one run in seven would fail one CI run in seven.
 * The fresh-clone run of 21:57 (load ~1) failed right (interrupted 850 ms after the onset), which
 * had passed the eight runs before it on this wave's code: it is listed again on the same terms.
 * The fresh-clone run of 22:09 failed it the same way (852 ms); all else passed.
 */
export const KNOWN_FAILURES: Readonly<Record<string, string>> = {
  'backchannel right':
    'failed the fresh-clone runs of 21:57 and 22:09 (load ~1): interrupted 850 and 852 ms after the onset, as in run F and the fresh-clone run of stop 26, after passing runs H to K, both of the words helper\'s runs and the fresh-clone runs of 21:16 and 21:46. Over the noise bed pocketsphinx has heard flite-rms\'s "right" as "we\'re like" (interims "her", "for my"); the keyword search for turn-taking words corrects the final but not the interims, and an interim word that is no backchannel confirms an interruption (recognition, not policy; the table case for "right" passes)',
  'backchannel uh-huh':
    'failed the fresh-clone run of 21:16 (load 3-4): interrupted 745 ms after the onset. flite-awb\'s "uh-huh" over the noise bed gives the interims "bear" (400 ms) and "uh" (560 ms) and the final "uh huh" (`test/scenarios/hear.ts uh-huh --voices=flite-awb --noisy`); the run kept no interims, so most likely one held a word that is no backchannel, such as "bear", and the policy confirmed an interruption on it (recognition, not policy; the table case for "uh-huh" passes). Passed runs H to K, both of the words helper\'s runs and the fresh-clone run of 21:46',
};

export function todoFor(name: string): string | undefined {
  const what = KNOWN_FAILURES[name];
  return what === undefined ? undefined : `does not pass reliably yet: ${what}`;
}
