import type { ConversationCase } from '../../testing/conversation-table.ts';
import { ASKED, REPLY_1 } from './asked.ts';

/** A backchannel over the agent, its interim recognised 80 ms in. */
const backchannelCase = ([word, endsAtMs]: readonly [string, number]): ConversationCase => ({
  name: `"${word}" over the agent neither pauses nor interrupts it, and is no turn`,
  timeline: [
    ...ASKED,
    [2300, 'speech'],
    [2380, `interim:${word}`],
    [2600, 'silence'],
    [2600, `final:${word}`],
  ],
  expect: [REPLY_1, `${endsAtMs} backchannel "${word}"`],
});

export const BARGE_IN_CASES: readonly ConversationCase[] = [
  // Words that read as complete end their (discarded) turn after 300 ms, others after 700.
  ...(
    [
      ['mhm', 3300],
      ['Mm-hmm.', 2900],
      ['yup', 3300],
      ['aha', 3300],
      ['gotcha', 3300],
      ['okay', 2900],
      ['uh-huh', 3300],
      ['got it', 3300],
      ["Yeah, that's right.", 2900],
      ['m h m', 3300],
    ] as const
  ).map(backchannelCase),
  {
    name: 'nearly two seconds of speech that the recogniser reads as "hmm" is no backchannel: it interrupts when the user stops',
    timeline: [
      ...ASKED,
      [2300, 'speech'],
      [2500, 'interim:uh'],
      [2800, 'interim:hmm'],
      [4200, 'final:hmm'],
      [4200, 'silence'],
    ],
    // What it said stays unknown: the agent stops and waits, and "hmm" starts no turn.
    expect: [REPLY_1, '2420 pause #1', '4200 interrupt #1 onset=2300', '5700 backchannel "hmm"'],
  },
  {
    name: 'a backchannel recognised only after a pause resumes the agent at once',
    timeline: [...ASKED, [2300, 'speech'], [2700, 'silence'], [2700, 'final:okay']],
    expect: [REPLY_1, '2420 pause #1', '2700 resume #1', '2700 backchannel "okay"'],
  },
  {
    name: 'words over the agent pause it, then interrupt it, then become the next turn',
    timeline: [
      ...ASKED,
      [2300, 'speech'],
      [2500, 'interim:wait'],
      [2660, 'interim:wait stop'],
      [2900, 'silence'],
      [2900, 'final:Wait, stop.'],
    ],
    expect: [
      REPLY_1,
      '2420 pause #1',
      '2660 interrupt #1 onset=2300',
      '3200 start #2 "Wait, stop."',
    ],
  },
  {
    name: 'a barge-in 50 ms after the reply starts is paused and interrupted like any other',
    timeline: [
      ...ASKED,
      [1450, 'speech'],
      [1600, 'interim:no no'],
      [1760, 'interim:no no'],
      [1900, 'silence'],
      [1900, 'final:No, no.'],
    ],
    expect: [REPLY_1, '1570 pause #1', '1760 interrupt #1 onset=1450', '2200 start #2 "No, no."'],
  },
  {
    name: 'words 80 ms before the reply ends interrupt it before it finishes',
    timeline: [
      ...ASKED,
      [4820, 'speech'],
      [4870, 'interim:stop'],
      [4880, 'interim:stop'],
      [4900, 'ended'],
      [5000, 'silence'],
      [5000, 'final:stop'],
    ],
    expect: [REPLY_1, '4880 interrupt #1 onset=4820', '5700 start #2 "stop"'],
  },
  {
    name: 'speech 50 ms before a reply ends leaves no pause behind for the next reply',
    timeline: [
      ...ASKED,
      [4850, 'speech'],
      [4900, 'ended'],
      [5500, 'silence'],
      [5500, 'final:And another thing.'],
      [5900, 'audio'],
    ],
    expect: [REPLY_1, '5800 start #2 "And another thing."'],
  },
  {
    name: 'a reply whose first audio comes while the user speaks is paused at once',
    timeline: [
      [0, 'speech'],
      [1000, 'silence'],
      [1000, 'final:Count to twelve.'],
      [1350, 'speech'],
      [1500, 'audio'],
    ],
    expect: [REPLY_1, '1500 pause #1'],
    runOutMs: 100,
  },
  {
    name: 'a cough over the agent pauses it, and it resumes 1500 ms after the cough ends',
    timeline: [...ASKED, [2300, 'speech'], [2500, 'silence']],
    expect: [REPLY_1, '2420 pause #1', '4000 resume #1'],
  },
  {
    name: 'long noise without words resumes only once the user has stopped',
    timeline: [...ASKED, [2000, 'speech'], [3000, 'silence']],
    expect: [REPLY_1, '2120 pause #1', '4500 resume #1'],
  },
  {
    name: 'without interim results, 2.5 s of speech interrupts on sustained speech and never resumes',
    policy: { interimResults: false },
    timeline: [
      ...ASKED,
      [2000, 'speech'],
      [4500, 'silence'],
      [4600, 'final:I need to change the delivery address.'],
    ],
    expect: [
      REPLY_1,
      '2120 pause #1',
      '2600 interrupt #1 onset=2000',
      '4800 start #2 "I need to change the delivery address."',
    ],
  },
  {
    name: 'without interim results, the false-interruption timer starts when the user stops',
    policy: { interimResults: false },
    interruption: { sustainedSpeechMs: 5000 },
    timeline: [...ASKED, [2000, 'speech'], [4500, 'silence']],
    expect: [REPLY_1, '2120 pause #1', '6000 resume #1'],
  },
  {
    name: 'without interim results, a final with words confirms a short barge-in',
    policy: { interimResults: false },
    timeline: [...ASKED, [2000, 'speech'], [2400, 'silence'], [2500, 'final:No.']],
    expect: [REPLY_1, '2120 pause #1', '2500 interrupt #1 onset=2000', '2700 start #2 "No."'],
  },
  {
    name: 'an onset that is mostly echo does not pause the agent, and "oh" from it is no turn',
    timeline: [...ASKED, [2000, 'echo-speech:0.9'], [2400, 'silence'], [2400, 'final:oh']],
    expect: [REPLY_1, '3100 backchannel "oh"'],
  },
  {
    name: 'an onset with little echo pauses as usual',
    timeline: [...ASKED, [2000, 'echo-speech:0.3'], [2400, 'silence']],
    expect: [REPLY_1, '2120 pause #1', '3900 resume #1'],
  },
  {
    name: 'an echo onset with real words still interrupts',
    timeline: [
      ...ASKED,
      [2000, 'echo-speech:0.9'],
      [2300, 'interim:stop talking'],
      [2460, 'interim:stop talking now'],
    ],
    expect: [REPLY_1, '2460 interrupt #1 onset=2000'],
    runOutMs: 0,
  },
  {
    name: 'with the echo guard on, speech without words never pauses',
    interruption: { requireWordsToPause: true },
    timeline: [...ASKED, [2000, 'speech'], [2800, 'silence']],
    expect: [REPLY_1],
  },
  {
    name: 'with minWords 0, speech alone interrupts after the minimum',
    interruption: { minWords: 0 },
    timeline: [...ASKED, [2000, 'speech']],
    expect: [REPLY_1, '2120 interrupt #1 onset=2000'],
    runOutMs: 500,
  },
  {
    name: 'with minWords 3, one word pauses but only three interrupt',
    interruption: { minWords: 3 },
    timeline: [
      ...ASKED,
      [2000, 'speech'],
      [2200, 'interim:no'],
      [2400, 'interim:no that is wrong'],
      [2560, 'interim:no that is wrong'],
    ],
    expect: [REPLY_1, '2120 pause #1', '2560 interrupt #1 onset=2000'],
    runOutMs: 0,
  },
  {
    name: 'a backchannel begun over the agent and finished after it ended is still no turn',
    timeline: [
      ...ASKED,
      [4800, 'speech'],
      [4900, 'ended'],
      [5000, 'silence'],
      [5000, 'final:okay'],
    ],
    expect: [REPLY_1, '5300 backchannel "okay"'],
  },
  {
    name: 'the playback report travels with the interrupt for the heard text',
    timeline: [
      ...ASKED,
      [2250, 'played:950'],
      [2300, 'speech'],
      [2400, 'interim:wait'],
      [2560, 'interim:wait'],
    ],
    expect: [REPLY_1, '2420 pause #1', '2560 interrupt #1 onset=2300'],
    runOutMs: 0,
  },
];
