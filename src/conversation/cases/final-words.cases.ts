import type { ConversationCase } from '../../testing/conversation-table.ts';

/**
 * Ending on the final's word timings: the user stops at 1000; the STT's final comes at 1250
 * saying its last word ended at 1000; Silero confirms the silence only at 1420
 * (`silence@1000`: the end it reports is at 1000, reported late).
 */
export const FINAL_WORDS_CASES: readonly ConversationCase[] = [
  {
    name: "a complete question ends on the final's words, before the VAD confirms the silence",
    timeline: [
      [0, 'speech'],
      [1250, 'final@1000:Where are you from?'],
      [1420, 'silence@1000'],
    ],
    expect: ['1300 start #1 "Where are you from?"'],
  },
  {
    name: 'with a preemptive reply the prepared answer is committed at the same moment',
    policy: { preemptiveReply: true },
    timeline: [
      [0, 'speech'],
      [1250, 'final@1000:Where are you from?'],
      [1420, 'silence@1000'],
    ],
    expect: ['1250 prepare #1 "Where are you from?"', '1300 commit #1'],
  },
  {
    name: 'with endOnFinalWords off the turn waits for the VAD',
    endOfTurn: { endOnFinalWords: false },
    timeline: [
      [0, 'speech'],
      [1250, 'final@1000:Where are you from?'],
      [1420, 'silence@1000'],
    ],
    expect: ['1420 start #1 "Where are you from?"'],
  },
  {
    name: 'words that read unsure wait for the VAD and their longer silence as before',
    timeline: [
      [0, 'speech'],
      [1250, 'final@1000:two coffees please'],
      [1420, 'silence@1000'],
    ],
    expect: ['1700 start #1 "two coffees please"'],
  },
  {
    name: 'the late end of speech after a turn that ended on words is no new turn and no barge-in',
    timeline: [
      [0, 'speech'],
      [1250, 'final@1000:Where are you from?'],
      [1350, 'audio'],
      [1420, 'silence@1000'],
      [3000, 'ended'],
    ],
    expect: ['1300 start #1 "Where are you from?"'],
  },
  {
    name: 'a user who goes on after a turn ended on words barges in as usual',
    timeline: [
      [0, 'speech'],
      [1250, 'final@1000:Where are you from?'],
      [1350, 'audio'],
      [1420, 'silence@1000'],
      [1500, 'speech'],
      [1700, 'interim:no wait'],
      [1900, 'interim:no wait'],
    ],
    expect: [
      '1300 start #1 "Where are you from?"',
      '1620 pause #1',
      '1900 interrupt #1 onset=1500',
    ],
  },
  {
    name: 'the final of an earlier stretch says nothing about the stretch the user is speaking now',
    timeline: [
      [0, 'speech'],
      [1000, 'silence'],
      [1100, 'speech'],
      [1250, 'final@1000:Where are you from?'],
      [2000, 'silence'],
      [2000, 'final:please'],
    ],
    expect: ['2300 start #1 "Where are you from? please"'],
  },
  {
    name: 'an interim after the final (the user went on) keeps the turn open',
    timeline: [
      [0, 'speech'],
      [1250, 'final@1000:Where are you from?'],
      [1280, 'interim:and'],
      [2000, 'silence'],
      [2000, 'final:and where do you live?'],
    ],
    expect: ['2300 start #1 "Where are you from? and where do you live?"'],
  },
];
