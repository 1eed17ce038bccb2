/**
 * Scenarios of the spoken suite that do not pass reliably on the conversation core, by scenario
 * id, with what happened in `node --import tsx --test test/scenarios/spoken.test.ts`. Runs 2
 * and 3 of 27 Nov (13:00–13:10 UTC) on the policy of this wave (short speech over the agent is
 * a listener's noise, silence on the VAD's audio clock, a lagging STT waited for): load average
 * 17–20 on 2 cores (eight helpers at once), so Silero and pocketsphinx fell seconds — at
 * times more than 10 s — behind the audio. An entry is deleted once it passes two runs of two;
 * yup, gotcha, barge-in early, phone number dictated and hold on a second did (and left).
 */
export const KNOWN_FAILURES: Readonly<Record<string, string>> = {
  'backchannel mhm':
    'interrupted 1.6 s and 13.6 s after the onset under load 17–20 (words that are not a backchannel, long after the user stopped); earlier: pocketsphinx spells it "m h imp"',
  'backchannel mm-hmm':
    'interrupted 3.0 s and 11.1 s after the onset under load 17–20 (heard as words that are not a backchannel)',
  'backchannel yeah':
    'passed 1 of 2; once the reply never ended within 20 s (the session lagged seconds)',
  'backchannel uh-huh':
    'failed 2 of 2: once the reply never ended; once interrupted 4.6 s after the onset over noise',
  'backchannel right': 'passed 1 of 2; once the session timed out (15 s) before the reply started',
  cough:
    'passed 1 of 2; once it became the turn "oh": the VAD never reported it and the STT\'s late final came after the reply (fixed since: a final counts as said over the agent as far back as the STT lags) — needs two clean runs',
  'door slam': 'passed 1 of 2; once the reply never ended within 20 s (the session lagged seconds)',
  'barge-in middle':
    'failed 3 of 3 under load 17–20 (it passed on the last stop at load 10–14): no interrupt; the reply ended 6–11 s after the onset — the words came after the pause had resumed, and late words of long timed speech then waited for the end of the turn (fixed since: they interrupt at once again) — needs two clean runs',
  'barge-in late':
    'failed 3 of 3: the reply ended 0.2 s after the onset — under load the clip, timed 1.2 s before the measured end of the reply, lands at its very end',
  'order number dictated':
    'failed 2 of 2: once two turns (the first reply cancelled and merged into the second: the second group\'s VAD onset came after the digits wait), once one turn misheard as "eight my order number is four zero five seven"',
  'push-to-talk':
    'failed 3 of 3: no turn after the release within 20 s — the STT more than 10 s (maxEngineLagMs) behind; a final after that bound now still ends the turn (fixed since) — needs two clean runs',
};

export function todoFor(name: string): string | undefined {
  const what = KNOWN_FAILURES[name];
  return what === undefined ? undefined : `does not pass reliably yet: ${what}`;
}
