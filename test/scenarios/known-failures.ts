/**
 * Scenarios of the spoken suite that do not pass reliably on the conversation core, by scenario
 * id, with what happened in `node --import tsx --test test/scenarios/spoken.test.ts` on 27 Nov.
 * Runs A–C (15:12–15:28 UTC) are on this wave's code: the recogniser hears "mhm" and "mm-hmm"
 * (their pronunciations), words made only of fillers and stray letters are a listener's noise,
 * an interim "wait" that stands 200 ms confirms, the reply length is measured on a warm
 * session. The machine was shared by five helpers: load average 9–16 on 2 cores, sessions
 * seconds behind (interrupts 8–15 s after the onset in run C). An entry is deleted once it
 * passes two runs of two on the current code: mhm, mm-hmm and uh-huh passed all three and left.
 */
export const KNOWN_FAILURES: Readonly<Record<string, string>> = {
  'backchannel yeah':
    'failed 3 of 3 (noisy flite-slt): once the VAD never heard it over the reply, twice it interrupted 5.1 and 7.9 s after the onset — over this noise bed pocketsphinx hears slt as "thank thigh" (test/scenarios/hear.ts --noisy: its gate opens on the noise ~1 s into the stream and the utterance runs on for seconds), words that are no backchannel, and the VAD timed the "yeah" at 600 ms or more',
  'backchannel right':
    'passed 2 of 3: in run A it interrupted 3.6 s after the onset (a late final read as words, at load 9); passed runs B and C',
  'barge-in middle':
    'passed 2 of 3: in run B (load 16) the session lagged so far that the reply never ended within 20 s and no interrupt came; in run C the interrupt came 12.7 s after the onset (lag). At load 7, three voices clean: interrupt 510–680 ms after the onset',
  'hold on a second':
    'passed 2 of 3, but for the wrong reason: pocketsphinx does not hear "Hold on a second." over the noise (turn text "oh yeah i thigh i\'ve thought five thigh"); the turn waited because the recogniser\'s utterance stayed open on the noise. In run B no turn came after the user came back (load 16)',
};

export function todoFor(name: string): string | undefined {
  const what = KNOWN_FAILURES[name];
  return what === undefined ? undefined : `does not pass reliably yet: ${what}`;
}
