/**
 * Scenarios of the spoken suite that do not pass reliably on the conversation core, by scenario
 * id, with what happened in `node --import tsx --test test/scenarios/spoken.test.ts` on 27 Nov.
 * Runs A–D (15:12–15:35 UTC) are on this wave's code: the recogniser hears "mhm" and "mm-hmm"
 * (their pronunciations), words made only of fillers and stray letters are a listener's noise,
 * an interim "wait" that stands 200 ms confirms, the reply length is measured on a warm
 * session. The machine was shared by five helpers: load average 9–16 on 2 cores, sessions
 * seconds behind (interrupts 8–16 s after the onset in runs C and D). An entry is deleted once it
 * passes two runs of two on the current code: mhm, mm-hmm and uh-huh passed all four and left;
 * right (interrupted 3.6 s after the onset in run A, a late final read as words) and barge-in
 * middle (in run B no interrupt, the session so far behind that the reply never ended in 20 s)
 * passed runs C and D and left.
 * Door slam and phone number are new here: they fail only when the sessions lag seconds.
 * Right came back after the merged code's first fresh-clone run (16:22): see its entry.
 * Run E (18:24, load ~1, scenarios alone) on the next wave's code (preemptive replies, turns
 * ending on the final's words): yeah, right, door slam and phone number passed, hold on a
 * second failed; one run, so every entry stays until it passes two runs of two.
 */
export const KNOWN_FAILURES: Readonly<Record<string, string>> = {
  'backchannel yeah':
    'failed 4 of 4 (noisy flite-slt): once the VAD never heard it over the reply, three times it interrupted 5.1–7.9 s after the onset — over this noise bed pocketsphinx hears slt as "thank thigh" (test/scenarios/hear.ts --noisy: its gate opens on the noise ~1 s into the stream and the utterance runs on for seconds), words that are no backchannel, and the VAD timed the "yeah" at 600 ms or more',
  'backchannel right':
    'back on the list: it failed the fresh-clone run of 16:22 (load ~3, scenarios alone), interrupted 850 ms after the onset — over the noise bed pocketsphinx hears flite-rms\'s "right" as "well i\'d" (interims "uh", "well i", "well i\'d"; test/scenarios/hear.ts right --voices=flite-rms --noisy), words that are no backchannel. Clean it is heard as "right" (recognition, not policy)',
  'hold on a second':
    'passed 2 of 4, but for the wrong reason: pocketsphinx does not hear "Hold on a second." over the noise (turn text "oh yeah i thigh i\'ve thought five thigh"); the turn waited because the recogniser\'s utterance stayed open on the noise. In runs B and D no turn came after the user came back (load 10–16)',
  'door slam':
    'failed 2 of 4 (runs B and D, noisy flite-slt, load 10–16): the reply never ended within 20 s, the sessions 10 s and more behind; passed 3 of 3 on its own at load 10, never paused. Over this noise pocketsphinx sends interims ("thank", "thigh") with no VAD edge: two alike in a row would interrupt as words the VAD missed',
  'phone number dictated':
    'failed 1 of 4 (run B, load 16): two turns, "my phone number is six five zero" and "five five five" — the turn ended in the 800 ms pause although three trailing digits wait 1500 ms; the bench at load 11 split it once at the second pause. Passed runs A, C and D (the bench split it between C and D). Cause not found; a guess: audio that reached the server late (a stalled process) is silence the engines were never given, so it is not counted as their lag',
};

export function todoFor(name: string): string | undefined {
  const what = KNOWN_FAILURES[name];
  return what === undefined ? undefined : `does not pass reliably yet: ${what}`;
}
