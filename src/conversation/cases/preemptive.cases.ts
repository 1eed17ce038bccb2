import type { ConversationCase } from '../../testing/conversation-table.ts';

const ON = { preemptiveReply: true } as const;

/**
 * Preemptive replies: prepared (held back) on final words that read as finished, committed
 * when the turn ends with the same words, discarded when the user goes on or the words change.
 * The STT's final usually comes before the VAD's end of speech (Silero needs 300 ms of silence).
 */
export const PREEMPTIVE_CASES: readonly ConversationCase[] = [
  {
    name: 'a complete question is prepared on its final and committed when the turn ends',
    policy: ON,
    timeline: [
      [0, 'speech'],
      [900, 'final:Where are you from?'],
      [1000, 'silence'],
    ],
    expect: ['900 prepare #1 "Where are you from?"', '1300 commit #1'],
  },
  {
    name: 'with preemptive replies off the same turn simply starts its reply at its end',
    timeline: [
      [0, 'speech'],
      [900, 'final:Where are you from?'],
      [1000, 'silence'],
    ],
    expect: ['1300 start #1 "Where are you from?"'],
  },
  {
    name: 'an unpunctuated question with no clear ending is prepared too, and waits its silence',
    policy: ON,
    timeline: [
      [0, 'speech'],
      [900, 'final:two coffees please'],
      [1000, 'silence'],
    ],
    expect: ['900 prepare #1 "two coffees please"', '1700 commit #1'],
  },
  {
    name: 'a user who goes on discards the preparation at the first new word and gets a fresh one',
    policy: ON,
    timeline: [
      [0, 'speech'],
      [900, 'final:Where is my order'],
      [1000, 'silence'],
      [1100, 'speech'],
      [1300, 'interim:from'],
      [1900, 'final:from last week?'],
      [2000, 'silence'],
    ],
    expect: [
      '900 prepare #1 "Where is my order"',
      '1300 discard #1',
      '1900 prepare #2 "Where is my order from last week?"',
      '2300 commit #2',
    ],
  },
  {
    name: 'a second final that changes the words discards the preparation and prepares again',
    policy: ON,
    timeline: [
      [0, 'speech'],
      [700, 'final:What time'],
      [900, 'final:is it?'],
      [1000, 'silence'],
    ],
    expect: [
      '700 prepare #1 "What time"',
      '900 discard #1',
      '900 prepare #2 "What time is it?"',
      '1300 commit #2',
    ],
  },
  {
    name: 'a cough after the question (speech with no words) keeps the preparation',
    policy: ON,
    timeline: [
      [0, 'speech'],
      [900, 'final:What time is it?'],
      [1000, 'silence'],
      [1200, 'speech'],
      [1400, 'silence'],
    ],
    expect: ['900 prepare #1 "What time is it?"', '1700 commit #1'],
  },
  {
    name: 'words that leave the sentence open ("and") are not prepared',
    policy: ON,
    timeline: [
      [0, 'speech'],
      [900, 'final:I want a coffee and'],
      [1000, 'silence'],
    ],
    expect: ['2500 start #1 "I want a coffee and"'],
  },
  {
    name: 'a user asking for time ("hold on a second") is not prepared for',
    policy: ON,
    timeline: [
      [0, 'speech'],
      [900, 'final:Hold on a second.'],
      [1000, 'silence'],
    ],
    expect: ['5000 start #1 "Hold on a second."'],
  },
  {
    name: 'a number being dictated is not prepared for',
    policy: ON,
    timeline: [
      [0, 'speech'],
      [900, 'final:my order number is four five'],
      [1000, 'silence'],
    ],
    expect: ['2500 start #1 "my order number is four five"'],
  },
  {
    name: 'an interim is still being revised: nothing is prepared on it',
    policy: ON,
    timeline: [
      [0, 'speech'],
      [600, 'interim:where are you from'],
      [1000, 'silence'],
      [1100, 'final:Where are you from?'],
    ],
    expect: ['1100 prepare #1 "Where are you from?"', '1300 commit #1'],
  },
  {
    name: 'words said over the agent are not prepared for (they may be a listener\'s "mhm")',
    policy: ON,
    timeline: [
      [0, 'text:Tell me about your plans.'],
      [100, 'audio'],
      [1000, 'speech'],
      [1300, 'silence'],
      [1300, 'final:okay'],
    ],
    expect: [
      '0 start #1 "Tell me about your plans."',
      '1120 pause #1',
      '1300 resume #1',
      '1300 backchannel "okay"',
    ],
  },
  {
    name: 'a turn that interrupted the agent is prepared for once the agent has stopped',
    policy: ON,
    timeline: [
      [0, 'text:Tell me about your plans.'],
      [100, 'audio'],
      [1000, 'speech'],
      [1300, 'interim:wait'],
      [1500, 'interim:wait what'],
      [2000, 'final:Wait, what does family cost?'],
      [2100, 'silence'],
    ],
    expect: [
      '0 start #1 "Tell me about your plans."',
      '1120 pause #1',
      '1500 interrupt #1 onset=1000',
      '2000 prepare #2 "Wait, what does family cost?"',
      '2400 commit #2',
    ],
  },
  {
    name: 'a typed message discards the preparation; the spoken words then merge with it as before',
    policy: ON,
    timeline: [
      [0, 'speech'],
      [900, 'final:Where are you from?'],
      [950, 'text:Hello there'],
      [1000, 'silence'],
    ],
    expect: [
      '900 prepare #1 "Where are you from?"',
      '950 discard #1',
      '950 start #2 "Hello there"',
      '1300 cancel #2',
      '1300 start #3 "Hello there Where are you from?" merges #2',
    ],
  },
  {
    name: 'a reply that has not spoken yet is merged with the next turn, not prepared beside it',
    policy: ON,
    timeline: [
      [0, 'speech'],
      [1000, 'silence'],
      [1000, 'final:I want a coffee.'],
      [1500, 'speech'],
      [2000, 'silence'],
      [2000, 'final:And a croissant.'],
    ],
    expect: [
      '1000 prepare #1 "I want a coffee."',
      '1300 commit #1',
      '2300 cancel #1',
      '2300 start #2 "I want a coffee. And a croissant." merges #1',
    ],
  },
  {
    name: '"oh" between digits reaches the prepared reply as zero, as it would a started one',
    policy: ON,
    timeline: [
      [0, 'speech'],
      [900, 'final:is it four oh five?'],
      [1000, 'silence'],
    ],
    expect: ['900 prepare #1 "is it four zero five?"', '1300 commit #1'],
  },
];
