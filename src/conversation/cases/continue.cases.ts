import type { ConversationCase } from '../../testing/conversation-table.ts';

/**
 * A user who pauses after words that sound finished and then goes on. They stop speaking at
 * 1000; the STT's final comes at 1250 with its last word's end (`final@1000`), so the turn
 * ends at 1300 on the words; the reply's first audio goes out at 1350. Silero reports the end
 * of that stretch at 1420 (`silence@1000`) when the pause is long enough for it (300 ms).
 */
const ASKED: ConversationCase['timeline'] = [
  [0, 'speech'],
  [1250, 'final@1000:I want to check my order.'],
  [1350, 'audio'],
];
const REPLY_1 = '1300 start #1 "I want to check my order."';
const MERGED = '"I want to check my order. number four five seven one"';

/** The user goes on at `onsetMs` (the VAD reports it 70 ms later) and says the number. */
const goesOnAt = (onsetMs: number): ConversationCase['timeline'] => [
  [onsetMs + 70, `speech@${onsetMs}`],
  [onsetMs + 450, 'interim:number'],
  [onsetMs + 610, 'interim:number four'],
  [onsetMs + 1450, `final@${onsetMs + 1350}:number four five seven one`],
  [onsetMs + 1770, `silence@${onsetMs + 1350}`],
];

export const CONTINUE_CASES: readonly ConversationCase[] = [
  ...[150, 250, 400].map((afterMs): ConversationCase => ({
    name: `a user who goes on ${afterMs} ms after the turn ended retracts the reply, and the whole sentence is answered once`,
    timeline: [...ASKED, [1420, 'silence@1000'], ...goesOnAt(1300 + afterMs)],
    // Paused on the audio 120 ms in; words confirm once 600 ms of speech are heard; the
    // merged words end in digits, so the turn waits its 1500 ms of silence.
    expect: ((onsetMs) => [
      REPLY_1,
      `${onsetMs + 120} pause #1`,
      `${onsetMs + 900} retract #1 onset=${onsetMs}`,
      `${onsetMs + 2850} start #2 ${MERGED}`,
    ])(1300 + afterMs),
  })),
  {
    name: 'a pause too short for the VAD to end the speech: the words alone retract the reply',
    timeline: [
      ...ASKED,
      [1650, 'interim:number'],
      [1810, 'interim:number four'],
      [2650, 'final@2550:number four five seven one'],
      [2970, 'silence@2550'],
    ],
    expect: [
      '1300 start #1 "I want to check my order."',
      '1810 retract #1 onset=1810',
      '4050 start #2 "I want to check my order. number four five seven one"',
    ],
  },
  {
    name: 'a user who goes on after the reply has played for longer than the grace interrupts it as before',
    timeline: [...ASKED, [1420, 'silence@1000'], ...goesOnAt(2100)],
    expect: [
      '1300 start #1 "I want to check my order."',
      '2220 pause #1',
      '3000 interrupt #1 onset=2100',
      '4950 start #2 "number four five seven one"',
    ],
  },
  {
    name: 'a reply whose first audio comes while the user goes on is retracted once their words confirm it',
    timeline: [
      [0, 'speech'],
      [1250, 'final@1000:I want to check my order.'],
      [1420, 'silence@1000'],
      [1470, 'speech@1400'],
      [1500, 'audio'],
      [1850, 'interim:number'],
      [2010, 'interim:number four'],
      [2850, 'final@2750:number four five seven one'],
      [3170, 'silence@2750'],
    ],
    expect: [
      '1300 start #1 "I want to check my order."',
      '1520 pause #1',
      '2300 retract #1 onset=1400',
      '4250 start #2 "I want to check my order. number four five seven one"',
    ],
  },
  {
    name: 'going on before the prepared reply is committed discards it: one turn, one reply',
    policy: { preemptiveReply: true },
    timeline: [
      [0, 'speech'],
      [900, 'final:Where is my order?'],
      [1000, 'silence'],
      [1200, 'speech'],
      [1500, 'interim:from'],
      [2100, 'final:from last week.'],
      [2200, 'silence'],
    ],
    expect: [
      '900 prepare #1 "Where is my order?"',
      '1500 discard #1',
      '2100 prepare #2 "Where is my order? from last week."',
      '2500 commit #2',
    ],
  },
  {
    name: 'going on just after the prepared reply was committed and heard retracts it, and the whole is prepared again',
    policy: { preemptiveReply: true },
    timeline: [
      [0, 'speech'],
      [1250, 'final@1000:Where is my order?'],
      [1310, 'audio'],
      [1420, 'silence@1000'],
      [1520, 'speech@1450'],
      [1900, 'interim:from last'],
      [2060, 'interim:from last week'],
      [2400, 'final@2300:from last week.'],
      [2720, 'silence@2300'],
    ],
    expect: [
      '1250 prepare #1 "Where is my order?"',
      '1300 commit #1',
      '1570 pause #1',
      '2350 retract #1 onset=1450',
      '2400 prepare #2 "Where is my order? from last week."',
      '2600 commit #2',
    ],
  },
  {
    name: 'a user who goes on while the reply waits on a tool interrupts it: the tool may have changed the world',
    timeline: [...ASKED, [1380, 'tool:on'], [1420, 'silence@1000'], ...goesOnAt(1450)],
    expect: [
      '1300 start #1 "I want to check my order."',
      '1570 pause #1',
      '2060 interrupt #1 onset=1450',
      '4300 start #2 "number four five seven one"',
    ],
  },
  {
    name: 'a user who goes on after the reply ran a tool interrupts it: what the tool did stays said',
    timeline: [
      ...ASKED,
      [1360, 'tool:on'],
      [1400, 'tool:off'],
      [1420, 'silence@1000'],
      ...goesOnAt(1450),
    ],
    expect: [
      '1300 start #1 "I want to check my order."',
      '1570 pause #1',
      '2350 interrupt #1 onset=1450',
      '4300 start #2 "number four five seven one"',
    ],
  },
  {
    name: 'a backchannel in the grace stays a backchannel: the reply goes on and nothing is merged',
    timeline: [
      ...ASKED,
      [1420, 'silence@1000'],
      [1520, 'speech@1450'],
      [1600, 'interim:okay'],
      [1750, 'silence'],
      [1750, 'final:okay'],
    ],
    expect: [
      '1300 start #1 "I want to check my order."',
      '1570 pause #1',
      '1750 resume #1',
      '2050 backchannel "okay"',
    ],
  },
  {
    name: 'words said to the agent in the grace ("no, wait") interrupt it as before',
    timeline: [
      ...ASKED,
      [1420, 'silence@1000'],
      [1520, 'speech@1450'],
      [1800, 'interim:no wait'],
      [1960, 'interim:no wait'],
      [2300, 'silence'],
      [2300, 'final:No, wait.'],
    ],
    expect: [
      '1300 start #1 "I want to check my order."',
      '1570 pause #1',
      '1960 interrupt #1 onset=1450',
      '2600 start #2 "No, wait."',
    ],
  },
  {
    name: 'typed text in the grace is a message of its own: it interrupts the reply and is answered alone',
    timeline: [...ASKED, [1420, 'silence@1000'], [1450, 'text:number 4571']],
    expect: [
      '1300 start #1 "I want to check my order."',
      '1450 interrupt #1 onset=1450',
      '1450 start #2 "number 4571"',
    ],
  },
  {
    name: 'going on over a reply to typed text interrupts it: only a spoken turn is continued',
    timeline: [
      [0, 'text:I want to check my order.'],
      [50, 'audio'],
      [170, 'speech@100'],
      [550, 'interim:number'],
      [710, 'interim:number four'],
      [1550, 'final@1450:number four five seven one'],
      [1870, 'silence@1450'],
    ],
    expect: [
      '0 start #1 "I want to check my order."',
      '220 pause #1',
      '1000 interrupt #1 onset=100',
      '2950 start #2 "number four five seven one"',
    ],
  },
  {
    name: 'with continueGraceMs 0 a user who goes on interrupts the reply as before',
    endOfTurn: { continueGraceMs: 0 },
    timeline: [...ASKED, [1420, 'silence@1000'], ...goesOnAt(1450)],
    expect: [
      '1300 start #1 "I want to check my order."',
      '1570 pause #1',
      '2350 interrupt #1 onset=1450',
      '4300 start #2 "number four five seven one"',
    ],
  },
];
