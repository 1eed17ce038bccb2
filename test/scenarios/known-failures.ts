/**
 * Scenarios of the spoken suite that fail on today's code, by scenario id, with what happened.
 * The conversation core of issue 11 is meant to fix them: after merging it, re-run
 * `node --import tsx --test test/scenarios/spoken.test.ts` and delete each entry that passes.
 */
export const KNOWN_FAILURES: Readonly<Record<string, string>> = {
  'backchannel okay': 'said over the reply it became a user turn ("oh two eight")',
  'backchannel mhm': 'it interrupted the reply 5 s late, or became a user turn ("m h imp")',
  'backchannel mm-hmm': 'it became a user turn ("i\'m i\'m h m m")',
  'backchannel yeah': 'over noise it was heard as "oh" and interrupted the reply',
  'backchannel uh-huh': 'passed in 2 of 3 runs; once the reply had not ended 12 s after the clip',
  'backchannel right': 'over noise it became a user turn ("well i\'d")',
  'backchannel yup': 'it became a user turn ("yep") in 2 of 3 runs',
  'backchannel gotcha': 'it interrupted the reply ("go to"), or the reply had not ended 12 s later',
  cough: 'it became a user turn ("oh") in 1 of 3 runs',
  'door slam': 'over noise the reply had not ended 12 s after the slam in 2 of 3 runs',
  'barge-in early': 'the interrupt came ~4.9 s after the onset, or not before the reply ended',
  'barge-in middle': 'no interrupt: the reply played on to its end',
  'barge-in late':
    'no interrupt: the reply played on to its end (user.speech-start came ~5 s late)',
  'order number dictated': 'cut into two turns ("two", then the rest) in 1 of 3 runs',
  'phone number dictated': 'no user turn came in 1 of 3 runs',
  'hold on a second': 'heard as "yeah all gonna second"; no turn came after the user went on',
  'push-to-talk': 'no turn after the release in 3 of 4 runs (once a turn with no audio)',
};

export function todoFor(name: string): string | undefined {
  const what = KNOWN_FAILURES[name];
  return what === undefined
    ? undefined
    : `fails until the conversation core (issue 11) lands: ${what}`;
}
