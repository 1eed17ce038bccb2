import type { ConversationCase } from '../../testing/conversation-table.ts';

/** The user asks; reply #1 starts at 1300 and its first audio goes out at 1400. */
const ASKED: ConversationCase['timeline'] = [
  [0, 'speech'],
  [1000, 'silence'],
  [1000, 'final:Count to twelve.'],
  [1400, 'audio'],
];
const REPLY_1 = '1300 start #1 "Count to twelve."';

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
  {
    // Seen through the WebSocket (issue 11): "okay" under load, the VAD a second behind.
    name: 'a stray first interim ("tell") that the next interim revises does not interrupt a backchannel',
    timeline: [
      ...ASKED,
      [2300, 'speech'],
      [3200, 'interim:tell'],
      [3240, 'interim:but'],
      [3500, 'interim:okay'],
      [3550, 'final:ok'],
      [3560, 'silence'],
    ],
    expect: [REPLY_1, '2420 pause #1', '3560 resume #1', '3560 backchannel "ok"'],
  },
  {
    name: 'words that two interims agree on interrupt once the speech has lasted 600 ms, before the final',
    timeline: [
      ...ASKED,
      [2300, 'speech'],
      [2460, 'interim:what'],
      [2620, 'interim:what about'],
      [3000, 'silence'],
      [3000, 'final:What about my phone?'],
    ],
    expect: [
      REPLY_1,
      '2420 pause #1',
      '3000 interrupt #1 onset=2300',
      '3300 start #2 "What about my phone?"',
    ],
  },
  {
    // Seen in the spoken suite (issue 11): pocketsphinx hears "mhm" as "m h imp".
    name: 'a short sound over the agent misheard as words pauses it, resumes it when the user stops, and is no turn',
    timeline: [
      ...ASKED,
      [2300, 'speech'],
      [2450, 'interim:m h imp'],
      [2560, 'interim:m h imp'],
      [2700, 'silence'],
      [2700, 'final:m h imp'],
    ],
    expect: [REPLY_1, '2420 pause #1', '2700 resume #1', '3400 backchannel "m h imp"'],
  },
  {
    // Seen in the spoken suite (issue 11): flite says "mm-hmm" as "em em aitch em em", a second
    // long, and pocketsphinx spells it; stray letters are no words, however long they last.
    name: 'a second of speech heard only as stray letters ("m m h m m") resumes the agent and is no turn',
    timeline: [
      ...ASKED,
      [2300, 'speech'],
      [2600, 'interim:m m'],
      [2760, 'interim:m m h'],
      [3100, 'interim:m m h m m'],
      [3300, 'silence'],
      [3300, 'final:m m h m m'],
    ],
    expect: [REPLY_1, '2420 pause #1', '3300 resume #1', '4000 backchannel "m m h m m"'],
  },
  {
    name: 'a real question that starts with a hesitation still interrupts the agent',
    timeline: [
      ...ASKED,
      [2300, 'speech'],
      [2600, 'interim:uh'],
      [2760, 'interim:uh the'],
      [2920, 'interim:uh the price'],
      [3080, 'interim:uh the price of'],
      [3500, 'silence'],
      [3500, 'final:uh the price of the family plan'],
    ],
    expect: [
      REPLY_1,
      '2420 pause #1',
      '3200 interrupt #1 onset=2300',
      '4200 start #2 "uh the price of the family plan"',
    ],
  },
  {
    name: 'a short misheard sound whose words come after the user stopped resumes the agent and is no turn',
    timeline: [
      ...ASKED,
      [2300, 'speech'],
      [2700, 'silence'],
      [3300, 'interim:an eight chan'],
      [3460, 'final:an eight chan'],
    ],
    expect: [REPLY_1, '2420 pause #1', '3300 resume #1', '3460 backchannel "an eight chan"'],
  },
  {
    name: 'a short misheard sound whose final comes after the reply ended is no turn',
    timeline: [
      ...ASKED,
      [4500, 'speech'],
      [4800, 'silence'],
      [4900, 'ended'],
      [5500, 'final:eight oh two oh'],
    ],
    expect: [REPLY_1, '4620 pause #1', '6300 backchannel "eight oh two oh"'],
  },
  {
    name: "a short answer overlapping the agent's last word is a turn, not a listener's noise",
    timeline: [
      ...ASKED,
      [4850, 'speech'],
      [4900, 'ended'],
      [5100, 'silence'],
      [5100, 'final:four'],
    ],
    expect: [REPLY_1, '5800 start #2 "four"'],
  },
  {
    // pocketsphinx sends no interim while its guess holds: "wait" standing 200 ms is settled.
    name: 'an interim "wait" that stands unrevised for 200 ms while the user speaks interrupts without a second interim',
    timeline: [...ASKED, [2300, 'speech'], [2700, 'interim:wait']],
    expect: [REPLY_1, '2420 pause #1', '2900 interrupt #1 onset=2300'],
    runOutMs: 500,
  },
  {
    name: 'a stray "no" revised within 200 ms into a backchannel does not interrupt',
    timeline: [
      ...ASKED,
      [2300, 'speech'],
      [2400, 'interim:no'],
      [2560, 'interim:okay'],
      [2700, 'silence'],
      [2700, 'final:okay'],
    ],
    expect: [REPLY_1, '2420 pause #1', '2700 resume #1', '3000 backchannel "okay"'],
  },
  {
    name: 'an interim "wait" left standing by a lagging STT waits for the next one',
    timeline: [
      ...ASKED,
      [2300, 'speech'],
      [2600, 'lag:stt=400'],
      [2700, 'interim:wait'],
      [3100, 'interim:wait what'],
    ],
    expect: [REPLY_1, '2420 pause #1', '3100 interrupt #1 onset=2300'],
    runOutMs: 0,
  },
  {
    name: 'an interim "wait" that stops standing when the user stops speaking waits for its final',
    timeline: [
      ...ASKED,
      [2300, 'speech'],
      [2450, 'interim:wait'],
      [2500, 'silence'],
      [2700, 'final:wait'],
    ],
    expect: [REPLY_1, '2420 pause #1', '2700 interrupt #1 onset=2300', '3200 start #2 "wait"'],
  },
  {
    name: 'a short "sorry" over the agent interrupts at once: it is an interrupting word',
    timeline: [...ASKED, [2300, 'speech'], [2450, 'interim:sorry'], [2610, 'interim:sorry']],
    expect: [REPLY_1, '2420 pause #1', '2610 interrupt #1 onset=2300'],
    runOutMs: 0,
  },
  {
    name: 'words ahead of a lagging VAD wait for its edges, which show them short: no interrupt, no turn',
    timeline: [
      ...ASKED,
      [2000, 'lag:vad=1000'],
      [2400, 'interim:gotcha two'],
      [2560, 'interim:gotcha two'],
      [3300, 'speech@2300'],
      [3700, 'silence@2700'],
      [3700, 'final:gotcha two'],
    ],
    expect: [REPLY_1, '3300 pause #1', '3700 resume #1', '4400 backchannel "gotcha two"'],
  },
  {
    // Seen through the WebSocket (issue 11): under load the VAD never reported this speech.
    name: 'words the VAD never announced interrupt the agent once two interims agree on them',
    timeline: [
      ...ASKED,
      [2300, 'interim:two'],
      [2620, 'interim:way'],
      [2830, 'interim:wade'],
      [2970, 'interim:wade saw'],
      [3500, 'final:wait sorry what about my phone number'],
    ],
    expect: [
      REPLY_1,
      '2970 interrupt #1 onset=2970',
      '5000 start #2 "wait sorry what about my phone number"',
    ],
  },
  {
    name: 'a backchannel the VAD never announced neither interrupts nor becomes a turn',
    timeline: [...ASKED, [2300, 'interim:okay'], [2460, 'interim:okay'], [2600, 'final:okay']],
    expect: [REPLY_1, '2900 backchannel "okay"'],
  },
  {
    // Seen through the WebSocket (issue 11): the STT 3 s behind, the reply over by its final.
    name: 'a backchannel whose final comes after the reply ended is still no turn',
    timeline: [...ASKED, [2300, 'speech'], [2600, 'silence'], [4900, 'ended'], [5600, 'final:yep']],
    expect: [REPLY_1, '2420 pause #1', '4100 resume #1', '6300 backchannel "yep"'],
  },
  {
    name: 'after a wordless sound over the agent, a backchannel said once it is silent is a turn',
    timeline: [
      ...ASKED,
      [2300, 'speech'],
      [2600, 'silence'],
      [4900, 'ended'],
      [6000, 'speech'],
      [6300, 'silence'],
      [6300, 'final:okay'],
    ],
    expect: [REPLY_1, '2420 pause #1', '4100 resume #1', '6600 start #2 "okay"'],
  },
  {
    // Seen in the bench (issue 11): a cough reported by a VAD 3.6 s behind became the turn "oh".
    name: 'a sound over the agent that a lagging VAD reports after the reply ended is no turn',
    timeline: [
      ...ASKED,
      [4900, 'ended'],
      [5000, 'speech@2300'],
      [5100, 'silence'],
      [5300, 'final:oh'],
    ],
    expect: [REPLY_1, '5800 backchannel "oh"'],
  },
];
