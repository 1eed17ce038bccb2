import type { ConversationCase } from '../../testing/conversation-table.ts';
import { ASKED, REPLY_1 } from './asked.ts';

/**
 * Barge-in when the STT gives other readings of the same audio (`alternatives`, after ` | `):
 * a reading that is a backchannel holds off an interruption, and never makes one. Timelines
 * from `test/scenarios/sweep.ts` (the real VAD and recogniser over the scenarios' noise bed).
 */
export const READINGS_CASES: readonly ConversationCase[] = [
  {
    // flite awb's "uh-huh" over noise: the keyword search scored "no" a hair above "uh huh".
    name: 'a short "no" that also reads as "uh huh" resumes the agent and is no turn',
    timeline: [
      ...ASKED,
      [2400, 'speech@2300'],
      [2450, 'interim:bear'],
      [2610, 'interim:uh'],
      [2770, 'interim:uh | uh huh'],
      [2810, 'final:no | uh huh | mhm'],
      [3050, 'silence@2650'],
    ],
    expect: [REPLY_1, '2420 pause #1', '3050 resume #1', '3050 backchannel "no"'],
  },
  {
    // The decoders heard "so" and the keyword search alone made it "no": their words stay a reading.
    name: 'a short "no" that the decoders heard as "so" resumes the agent and is no turn',
    timeline: [
      ...ASKED,
      [2400, 'speech@2300'],
      [2610, 'interim:so'],
      [2810, 'final:no | so'],
      [3050, 'silence@2650'],
    ],
    expect: [REPLY_1, '2420 pause #1', '3050 resume #1', '3050 backchannel "no"'],
  },
  {
    name: 'the same short "no" with no other reading interrupts at once',
    timeline: [
      ...ASKED,
      [2400, 'speech@2300'],
      [2450, 'interim:bear'],
      [2610, 'interim:uh'],
      [2770, 'interim:uh'],
      [2810, 'final:no'],
      [3050, 'silence@2650'],
    ],
    expect: [REPLY_1, '2420 pause #1', '2810 interrupt #1 onset=2300', '3050 start #2 "no"'],
  },
  {
    // flite rms's "right" over noise, heard "for right": the VAD's end came 470 ms after the
    // speech's, so while it was "speaking" the speech seemed to pass 600 ms.
    name: 'words that also read as "right" wait for the VAD to time the speech, which shows it short',
    timeline: [
      ...ASKED,
      [2400, 'speech@2300'],
      [2620, 'interim:for'],
      [2780, 'interim:for my'],
      [2900, 'final:for right | right'],
      [3240, 'silence@2770'],
    ],
    expect: [REPLY_1, '2420 pause #1', '3240 resume #1', '3240 backchannel "for right"'],
  },
  {
    name: 'the same words with no other reading interrupt once the speech seems to pass 600 ms',
    timeline: [
      ...ASKED,
      [2400, 'speech@2300'],
      [2620, 'interim:for'],
      [2780, 'interim:for my'],
      [2900, 'final:for right'],
      [3240, 'silence@2770'],
    ],
    expect: [REPLY_1, '2420 pause #1', '3200 interrupt #1 onset=2300', '3470 start #2 "for right"'],
  },
  {
    name: 'a reading that more words leave behind holds nothing off: the question interrupts as usual',
    timeline: [
      ...ASKED,
      [2300, 'speech'],
      [2460, 'interim:what | yeah'],
      [2620, 'interim:what about'],
      [2780, 'interim:what about my'],
      [3500, 'silence'],
      [3500, 'final:What about my phone?'],
    ],
    expect: [
      REPLY_1,
      '2420 pause #1',
      '3200 interrupt #1 onset=2300',
      '3800 start #2 "What about my phone?"',
    ],
  },
  {
    name: 'speech that goes on past 1.5 s interrupts even while its words still read as a backchannel',
    timeline: [
      ...ASKED,
      [2300, 'speech'],
      [2460, 'interim:for | right'],
      [2620, 'interim:for my | right'],
      [2780, 'interim:for my | right'],
      [4500, 'silence'],
      [4500, 'final:for my right'],
    ],
    expect: [
      REPLY_1,
      '2420 pause #1',
      '4100 interrupt #1 onset=2300',
      '5200 start #2 "for my right"',
    ],
  },
  {
    name: 'an interim "wait" that also reads as "yeah" waits for its final, which interrupts without the reading',
    timeline: [
      ...ASKED,
      [2300, 'speech'],
      [2450, 'interim:wait | yeah'],
      [2600, 'silence@2500'],
      [2800, 'final:wait'],
    ],
    expect: [REPLY_1, '2420 pause #1', '2800 interrupt #1 onset=2300', '3200 start #2 "wait"'],
  },
  {
    name: 'an interim "wait" that also reads as "yeah" resumes the agent when its final reads so too',
    timeline: [
      ...ASKED,
      [2300, 'speech'],
      [2450, 'interim:wait | yeah'],
      [2600, 'silence@2500'],
      [2800, 'final:wait | yeah'],
    ],
    expect: [REPLY_1, '2420 pause #1', '2800 resume #1', '2800 backchannel "wait"'],
  },
  {
    // flite slt's "mhm" over noise: 800 ms of hum, its final "hang on" with "mhm" as its other reading.
    name: 'words that also read as "mhm" resume the agent after 800 ms of speech: a hum lasts that long',
    timeline: [
      ...ASKED,
      [2420, 'speech@2300'],
      [2660, 'interim:can'],
      [2820, 'interim:one eight'],
      [2980, 'interim:mhm'],
      [3300, 'final:hang on | mhm'],
      [3520, 'silence@3100'],
    ],
    expect: [REPLY_1, '2420 pause #1', '3520 resume #1', '3520 backchannel "hang on"'],
  },
  {
    name: 'the same 800 ms of words with no other reading interrupt',
    timeline: [
      ...ASKED,
      [2420, 'speech@2300'],
      [2660, 'interim:can'],
      [2820, 'interim:one eight'],
      [2980, 'interim:one eight'],
      [3300, 'final:one eight'],
      [3520, 'silence@3100'],
    ],
    // "one eight" stood in two interims: it confirms once the speech has passed 600 ms.
    expect: [REPLY_1, '2420 pause #1', '3200 interrupt #1 onset=2300', '4600 start #2 "one eight"'],
  },
  {
    // flite rms's "mhm" over noise: its last interim was "mhm", its final "to make sure".
    name: 'a final that takes back an interim "mhm" reads as "mhm": 750 ms of it resume the agent',
    timeline: [
      ...ASKED,
      [2430, 'speech@2280'],
      [2640, 'interim:tell me'],
      [2800, 'interim:to me'],
      [2960, 'interim:mhm'],
      [3220, 'final:to make sure'],
      [3460, 'silence@3030'],
    ],
    expect: [REPLY_1, '2430 pause #1', '3460 resume #1', '3460 backchannel "to make sure"'],
  },
  {
    // flite rms's "stop" over noise: "so" is how the word began, not a backchannel.
    name: 'a final "stop" after an interim "so" interrupts at once: fillers alone name no backchannel',
    timeline: [
      ...ASKED,
      [2440, 'speech@2300'],
      [2620, 'interim:just'],
      [2780, 'interim:so'],
      [2920, 'final:stop'],
      [3140, 'silence@2450'],
    ],
    expect: [REPLY_1, '2440 pause #1', '2920 interrupt #1 onset=2300', '3150 start #2 "stop"'],
  },
  {
    name: 'a final that goes on from an interim "okay" is no reading of it: the question interrupts',
    timeline: [
      ...ASKED,
      [2420, 'speech@2300'],
      [2620, 'interim:okay'],
      [2780, 'interim:okay'],
      [3300, 'final:okay what about my phone'],
      [3700, 'silence@3300'],
    ],
    expect: [
      REPLY_1,
      '2420 pause #1',
      '3300 interrupt #1 onset=2300',
      '4000 start #2 "okay what about my phone"',
    ],
  },
];
