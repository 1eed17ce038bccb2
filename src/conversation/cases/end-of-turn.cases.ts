import type { ConversationCase } from '../../testing/conversation-table.ts';

/** The user says `text` from 0 to 1000 ms; the final arrives as the speech ends. */
const said = (text: string): ConversationCase['timeline'] => [
  [0, 'speech'],
  [1000, 'silence'],
  [1000, `final:${text}`],
];

export const END_OF_TURN_CASES: readonly ConversationCase[] = [
  {
    name: 'a complete question ends the turn after 300 ms of silence',
    timeline: said('Where is my order?'),
    expect: ['1300 start #1 "Where is my order?"'],
  },
  {
    name: 'a question mark beats the trailing "like" in "What\'s the weather like?"',
    timeline: said("What's the weather like?"),
    expect: ['1300 start #1 "What\'s the weather like?"'],
  },
  {
    name: 'a question mark beats the trailing "from" in "Where are you from?"',
    timeline: said('Where are you from?'),
    expect: ['1300 start #1 "Where are you from?"'],
  },
  {
    name: 'a question mark beats the trailing "for" in "What are you looking for?"',
    timeline: said('What are you looking for?'),
    expect: ['1300 start #1 "What are you looking for?"'],
  },
  {
    name: 'an unpunctuated complete-sounding question ends as soon as a punctuated one',
    timeline: said('where are you from'),
    expect: ['1300 start #1 "where are you from"'],
  },
  {
    name: '"Could you please" leaves the request open: "please" is not a closing',
    timeline: said('Could you please'),
    expect: ['2500 start #1 "Could you please"'],
  },
  {
    name: '"Two coffees please" waits the default silence, not the short one',
    timeline: said('two coffees please'),
    expect: ['1700 start #1 "two coffees please"'],
  },
  {
    name: 'a user asking "Hold on a second." gets a long wait',
    timeline: said('Hold on a second.'),
    expect: ['5000 start #1 "Hold on a second."'],
  },
  {
    name: 'a user saying "Give me a minute." gets a long wait',
    timeline: said('Give me a minute.'),
    expect: ['5000 start #1 "Give me a minute."'],
  },
  {
    name: 'a user saying "Let me think." gets a long wait and can go on within it',
    timeline: [
      ...said('Let me think.'),
      [3000, 'speech'],
      [4000, 'silence'],
      [4000, 'final:A latte.'],
    ],
    expect: ['4300 start #1 "Let me think. A latte."'],
  },
  {
    name: 'a Spanish user saying "un momento" gets a long wait',
    policy: { language: 'es-ES' },
    timeline: said('un momento'),
    expect: ['5000 start #1 "un momento"'],
  },
  {
    name: 'a number the STT formats as one token ("41086753.") is dictation: the turn waits',
    timeline: said('My order number is 41086753.'),
    expect: ['2500 start #1 "My order number is 41086753."'],
  },
  {
    name: '"oh" between spoken digits is dictation and reaches the reply as zero',
    timeline: said('my order number is oh four five seven one'),
    expect: ['2500 start #1 "my order number is zero four five seven one"'],
  },
  {
    name: 'a phone number dictated with pauses stays one turn',
    timeline: [
      ...said('my phone number is five five five'),
      [2000, 'speech'],
      [3000, 'silence'],
      [3000, 'final:oh one two three'],
    ],
    expect: ['4500 start #1 "my phone number is five five five zero one two three"'],
  },
  {
    name: 'a trailing "and" waits the long silence',
    timeline: said('I want a coffee and'),
    expect: ['2500 start #1 "I want a coffee and"'],
  },
  {
    name: 'a cough with no words, the agent silent, is no turn at all',
    timeline: [
      [0, 'speech'],
      [300, 'silence'],
    ],
    expect: [],
  },
  {
    name: 'a final with no VAD edge around it still ends the turn',
    timeline: [[1000, 'final:Thanks.']],
    expect: ['1300 start #1 "Thanks."'],
  },
  {
    name: 'the turn ends on the interim when the final never comes',
    timeline: [
      [0, 'speech'],
      [500, 'interim:where is my order'],
      [1000, 'silence'],
    ],
    expect: ['2100 start #1 "where is my order"'],
  },
  {
    // Seen through the WebSocket (issue 11): "Hold on a second." ended as the turn "yeah".
    name: 'a turn does not end on a stale interim while a slow STT still sends interims',
    timeline: [
      [0, 'speech'],
      [1000, 'silence'],
      [2400, 'interim:he'],
      [2900, 'interim:yeah'],
      [3100, 'interim:yeah all'],
      [3700, 'interim:hold on a second'],
      [3900, 'final:hold on a second'],
      [4500, 'speech'],
      [6000, 'silence'],
      [6100, 'final:My order number is four five seven one.'],
    ],
    expect: ['7500 start #1 "hold on a second My order number is four five seven one."'],
  },
];
