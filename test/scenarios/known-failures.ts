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
 * Traced with `test/scenarios/sweep.ts` (the real VAD and recogniser on the clip, the noise bed
 * under it shifted 0–200 ms in 20 ms steps, into the reducer): right was heard "for right" and the
 * VAD's end came ~410 ms after the speech's, so while "speaking" it seemed to pass 600 ms; uh-huh
 * was spotted as "no" (3 above "uh huh") and a lone "no" interrupts at once. Next wave (w8-bc):
 * the recogniser's other readings reach the policy, and a backchannel reading holds off an
 * interruption (never makes one). Sweep: right flite-rms noisy 1/11 → 0/11 interrupted, uh-huh
 * flite-awb 4/11 → 0/11. Runs L, M, N (23:45, 23:49, 23:52 UTC, load 9–12, beside three helpers'
 * work): 18, 18 and 16 of 18; right and uh-huh passed all three (and three more runs of each cell
 * alone) and left. Run N failed "paused mid-sentence" on the judge (a retracted reply's `turn.end`
 * now says `cancelled`; judge fixed, then 3 of 3 alone) and "order number dictated" with no user
 * turn at load ~12 (then 3 of 3 alone at load 4–8).
 * Run O (28 Nov 00:10 UTC, load ~1.5, scenarios alone, all four branches of that wave merged):
 * 17 of 18; hold on a second failed ("the oh my"). `hear.ts` over leads 2900–3180 ms in 40 ms
 * steps heard "hold on" at 3 of 8, the same finals leads for leads on this code and on the code
 * before the wave: the passes since run J were the noise bed's luck, so it is listed again.
 * Wave w9 (holdon): ways of asking for time spotted one after another ("hold on", "one sec",
 * "hang on") stand for the utterance together (src/providers/local/stt/spot-chain.ts). Over the
 * same 8 leads (eval/asking-for-time.ts) it is heard asking for time at 7 of 8 (3 before); the
 * one left is the grammar's digits ("four oh oh one"). Runs P, Q, R (28 Nov 01:57, 02:21, 02:23
 * UTC, load 7.5, 2.6 and 4, P on the chain alone, Q and R on the wave's final code): 18 of 18
 * each; hold on a second waited 2906, 2960, 2952 ms and left.
 */
export const KNOWN_FAILURES: Readonly<Record<string, string>> = {};

export function todoFor(name: string): string | undefined {
  const what = KNOWN_FAILURES[name];
  return what === undefined ? undefined : `does not pass reliably yet: ${what}`;
}
