import type { ConversationCase } from '../../testing/conversation-table.ts';

export const FLOOR_CASES: readonly ConversationCase[] = [
  {
    name: 'the application cancelling a playing reply interrupts it like a confirmed barge-in',
    timeline: [
      [0, 'text:Count to twelve.'],
      [100, 'audio'],
      [900, 'cancel'],
    ],
    expect: ['0 start #1 "Count to twelve."', '900 interrupt #1 onset=900'],
  },
  {
    name: 'the application cancelling a reply that has not spoken yet cancels it',
    timeline: [
      [0, 'text:Count to twelve.'],
      [300, 'cancel'],
    ],
    expect: ['0 start #1 "Count to twelve."', '300 cancel #1'],
  },
  {
    name: '"okay" said while the agent is silent is an ordinary short turn',
    timeline: [
      [0, 'speech'],
      [500, 'silence'],
      [500, 'final:okay'],
    ],
    expect: ['800 start #1 "okay"'],
  },
  {
    name: 'two utterances before the agent spoke are merged into one reply',
    timeline: [
      [0, 'speech'],
      [1000, 'silence'],
      [1000, 'final:I want a coffee.'],
      [1500, 'speech'],
      [2000, 'silence'],
      [2000, 'final:And a croissant.'],
    ],
    expect: [
      '1300 start #1 "I want a coffee."',
      '2300 cancel #1',
      '2300 start #2 "I want a coffee. And a croissant." merges #1',
    ],
  },
  {
    name: 'a backchannel during a silent tool call is no turn and cancels nothing',
    timeline: [
      [0, 'text:check my order'],
      [500, 'tool:on'],
      [800, 'speech'],
      [1100, 'silence'],
      [1100, 'final:okay'],
      [2000, 'tool:off'],
    ],
    expect: ['0 start #1 "check my order"', '1400 backchannel "okay"'],
  },
  {
    name: "a short word during a silent tool call is meant, not a listener's noise: it interrupts",
    timeline: [
      [0, 'text:check my order'],
      [100, 'audio'],
      [500, 'tool:on'],
      [800, 'speech'],
      [900, 'silence'],
      [900, 'final:three'],
    ],
    expect: ['0 start #1 "check my order"', '1600 interrupt #1 onset=800', '1600 start #2 "three"'],
  },
  {
    name: 'real words during a tool call interrupt the reply and are answered alone',
    timeline: [
      [0, 'text:check my order'],
      [500, 'tool:on'],
      [800, 'speech'],
      [1500, 'silence'],
      [1500, 'final:Actually, cancel the order.'],
    ],
    expect: [
      '0 start #1 "check my order"',
      '1800 interrupt #1 onset=800',
      '1800 start #2 "Actually, cancel the order."',
    ],
  },
  {
    name: 'typed text over a speaking agent interrupts it and is answered',
    timeline: [
      [0, 'text:count to twelve'],
      [100, 'audio'],
      [900, 'text:stop'],
    ],
    expect: ['0 start #1 "count to twelve"', '900 interrupt #1 onset=900', '900 start #2 "stop"'],
  },
  {
    name: 'typed text before the agent spoke merges with the text it was answering',
    timeline: [
      [0, 'text:a latte'],
      [100, 'text:with oat milk'],
    ],
    expect: [
      '0 start #1 "a latte"',
      '100 cancel #1',
      '100 start #2 "a latte with oat milk" merges #1',
    ],
  },
  {
    name: 'the greeting cut short by the user is cancelled, not merged into their turn',
    timeline: [
      [0, 'greet:Hello, how can I help?'],
      [10, 'speech'],
      [600, 'silence'],
      [600, 'final:Hi.'],
    ],
    expect: ['0 start #1 "Hello, how can I help?"', '900 cancel #1', '900 start #2 "Hi."'],
  },
  {
    name: 'push-to-talk opens the mic, and the release ends the turn once the final is in',
    policy: { pushToTalk: true },
    timeline: [
      [0, 'ptt-down'],
      [100, 'speech'],
      [1800, 'silence'],
      [2000, 'ptt-up'],
      [2100, 'final:Where is my order?'],
    ],
    expect: [
      '0 open-mic',
      '2000 close-mic',
      '2000 finalize-stt',
      '2100 start #1 "Where is my order?"',
    ],
  },
  {
    name: 'push-to-talk with only an interim ends the turn at the STT timeout after release',
    policy: { pushToTalk: true },
    timeline: [
      [0, 'ptt-down'],
      [500, 'interim:hello there'],
      [2000, 'ptt-up'],
    ],
    expect: ['0 open-mic', '2000 close-mic', '2000 finalize-stt', '2800 start #1 "hello there"'],
  },
  {
    name: 'push-to-talk with no words at all is no turn',
    policy: { pushToTalk: true },
    timeline: [
      [0, 'ptt-down'],
      [2000, 'ptt-up'],
    ],
    expect: ['0 open-mic', '2000 close-mic', '2000 finalize-stt'],
  },
  {
    name: 'pressing push-to-talk over the agent interrupts it at once',
    policy: { pushToTalk: true },
    timeline: [
      [0, 'text:count to twelve'],
      [100, 'audio'],
      [900, 'ptt-down'],
    ],
    expect: ['0 start #1 "count to twelve"', '900 open-mic', '900 interrupt #1 onset=900'],
  },
  {
    name: 'merged user text is capped, keeping the newest words',
    policy: { maxUserTextChars: 25 },
    timeline: [
      [0, 'text:first second third fourth'],
      [100, 'text:fifth sixth'],
    ],
    expect: [
      '0 start #1 "first second third fourth"',
      '100 cancel #1',
      '100 start #2 "third fourth fifth sixth" merges #1',
    ],
  },
  {
    name: 'pending user text is capped as finals pile up',
    policy: { maxUserTextChars: 20 },
    timeline: [
      [0, 'speech'],
      [1000, 'final:one two three four five'],
      [2000, 'final:six seven eight nine'],
      [2000, 'silence'],
    ],
    expect: ['3500 start #1 "six seven eight nine"'],
  },
  {
    name: '"Oh, okay." is an interjection, not a zero',
    timeline: [
      [0, 'speech'],
      [800, 'silence'],
      [800, 'final:Oh, okay. Four please.'],
    ],
    expect: ['1100 start #1 "Oh, okay. Four please."'],
  },
];
