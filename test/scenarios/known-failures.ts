/**
 * Scenarios of the spoken suite that fail on today's code, by scenario id, with what happened.
 * The conversation core of issue 11 is meant to fix them: after merging it, re-run
 * `node --import tsx --test test/scenarios/spoken.test.ts` and delete each entry that passes.
 */
export const KNOWN_FAILURES: Readonly<Record<string, string>> = {
  'backchannel okay': 'said over the reply it became a user turn ("oh two eight") in 3 of 4 runs',
  'backchannel mhm': 'it became a user turn ("m h imp"), or interrupted the reply 5 s late',
  'backchannel mm-hmm': 'it became a user turn ("i\'m i\'m h m m") in 3 of 4 runs',
  'backchannel yeah': 'over noise it was heard as "oh" and interrupted the reply in 1 of 4 runs',
  'backchannel uh-huh': 'passed in 3 of 4 runs; once the reply had not ended 20 s after the clip',
  'backchannel right': 'over noise it became a user turn ("well i\'d") in 1 of 4 runs',
  'backchannel yup': 'it became a user turn ("yep") in 3 of 4 runs',
  'backchannel gotcha':
    'it became a user turn ("eight oh two oh", "go to") or interrupted the reply',
  cough: 'it became a user turn ("oh") in 2 of 4 runs',
  'door slam': 'over noise the reply had not ended 20 s after the slam in 2 of 4 runs',
  'barge-in early':
    'the agent resumed over the user (false-interruption timer from the onset); interrupt 1.8–6.7 s after the onset, or none',
  'barge-in middle': 'no interrupt: the reply played on to its end',
  'barge-in late':
    'no interrupt: the reply played on to its end (user.speech-start came ~5 s late)',
  'order number dictated':
    'cut into two turns ("two", then the rest), or no turn came before the STT (~9 s behind) caught up',
  'phone number dictated': 'no user turn came in 2 of 4 runs; "oh two" misheard once',
  'hold on a second':
    'heard as "yeah all gonna second"; no turn came after the user went on in 3 of 4 runs',
  'push-to-talk':
    'no turn after the release in 3 of 5 runs; once 9 s after it; once a turn with no audio',
};

export function todoFor(name: string): string | undefined {
  const what = KNOWN_FAILURES[name];
  return what === undefined
    ? undefined
    : `fails until the conversation core (issue 11) lands: ${what}`;
}
