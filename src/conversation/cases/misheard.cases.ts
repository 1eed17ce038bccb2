import type { ConversationCase } from '../../testing/conversation-table.ts';
import { ASKED, REPLY_1 } from './asked.ts';

/** Barge-in decided on what the recogniser heard: stray letters, revised interims, lagging engines. */
export const MISHEARD_CASES: readonly ConversationCase[] = [
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
    // An STT that looks again every 80 ms (`interimEveryMs`): one look and its answer, 120 ms.
    name: 'an interim "wait" that stands 120 ms interrupts when the STT looks again every 80 ms',
    timeline: [...ASKED, [2300, 'speech'], [2700, 'interim:wait']],
    interruption: { interimSettledMs: 120 },
    expect: [REPLY_1, '2420 pause #1', '2820 interrupt #1 onset=2300'],
    runOutMs: 500,
  },
  {
    name: 'a stray "no" that the STT revises at its next look, 80 ms on, does not interrupt at 120 ms',
    timeline: [
      ...ASKED,
      [2300, 'speech'],
      [2400, 'interim:no'],
      [2480, 'interim:okay'],
      [2700, 'silence'],
      [2700, 'final:okay'],
    ],
    interruption: { interimSettledMs: 120 },
    expect: [REPLY_1, '2420 pause #1', '2700 resume #1', '3000 backchannel "okay"'],
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
