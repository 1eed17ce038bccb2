/**
 * Scenarios of the spoken suite that do not pass reliably on the conversation core, by scenario
 * id, with what happened in `node --import tsx --test test/scenarios/spoken.test.ts` on 27 Nov.
 * Runs 6 and 7 (13:24–13:27 UTC, load average 3–7 on 2 cores shared by eight helpers) are on
 * the final policy of this wave: short speech inside the agent's speech is a listener's noise,
 * silence counts on the VAD's audio clock, a lagging STT is waited for. Runs 2–5 (load 5–20)
 * were on earlier steps of it. An entry is deleted once it passes two runs of two on the
 * current code: uh-huh, yup, gotcha, cough, door slam, barge-in early and late, both numbers
 * and push-to-talk did.
 */
export const KNOWN_FAILURES: Readonly<Record<string, string>> = {
  'backchannel mhm':
    'failed 2 of 2: interrupted 0.9 s and 1.6 s after the onset — pocketsphinx reads flite-awb\'s "mhm" as words that are not a backchannel, and the VAD times it at 600 ms or more (earlier runs: "m h imp")',
  'backchannel mm-hmm':
    'failed 2 of 2: interrupted 1.0 s and 2.7 s after the onset, heard as words that are not a backchannel in speech the VAD timed at 600 ms or more',
  'backchannel yeah':
    'passed 1 of 2; once the reply never ended within 20 s (the session lagged seconds at load 7)',
  'backchannel right':
    'passed 1 of 2; once the reply never ended within 20 s (the session lagged seconds at load 7)',
  'barge-in middle':
    'passed 1 of 2 (interrupt 1.2 s after the onset); once no interrupt, the reply ending 4.3 s after the onset: the words came after the pause had resumed. Failed 4 of 4 at load 10–20 earlier; passed alone at load 4',
  'backchannel uh-huh':
    'back on the list after passing four runs (two suite runs, the bench, a CI run): in the next CI run, beside another test file, the noisy "uh-huh" interrupted the reply 3.3 s after its onset (a late final read as words); the suite now runs on its own',
  'hold on a second':
    'failed 2 of 2 (passed runs 1–3): pocketsphinx heard "Hold on a second." over noise as "oh got", which does not ask for time, so the turn ended in the pause (recognition)',
};

export function todoFor(name: string): string | undefined {
  const what = KNOWN_FAILURES[name];
  return what === undefined ? undefined : `does not pass reliably yet: ${what}`;
}
