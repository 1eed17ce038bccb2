import type { ConversationCase } from '../../testing/conversation-table.ts';

/** The user says `text` from 0 to 1000 ms; the final (with the vendor's end of turn) as it ends. */
const saidWithVendorEnd = (text: string): ConversationCase['timeline'] => [
  [0, 'speech'],
  [1000, 'silence'],
  [1000, `final+eot:${text}`],
];
const VENDOR = { vendorEndOfTurn: true } as const;

/** What the vendor's turn detector (Deepgram Flux, AssemblyAI) changes: `final+eot`. */
export const VENDOR_END_OF_TURN_CASES: readonly ConversationCase[] = [
  {
    name: "a final carrying the vendor's end of turn ends the turn at once, without the silence wait",
    policy: VENDOR,
    timeline: saidWithVendorEnd('two coffees please'),
    expect: ['1000 start #1 "two coffees please"'],
  },
  {
    name: "the vendor's end of turn ends the turn before our VAD reports the end of speech",
    policy: VENDOR,
    timeline: [
      [0, 'speech'],
      [900, 'final+eot:Where is my order?'],
      [1200, 'silence'],
    ],
    expect: ['900 start #1 "Where is my order?"'],
  },
  {
    name: "the vendor's end of turn beats a trailing word that would leave the sentence open",
    policy: VENDOR,
    timeline: saidWithVendorEnd('I want a coffee and'),
    expect: ['1000 start #1 "I want a coffee and"'],
  },
  {
    name: 'a user asking for time gets the long wait even when the vendor says the turn ended',
    policy: VENDOR,
    timeline: saidWithVendorEnd('Hold on a second.'),
    expect: ['5000 start #1 "Hold on a second."'],
  },
  {
    name: 'digits being dictated wait the long silence even when the vendor says the turn ended',
    policy: VENDOR,
    timeline: saidWithVendorEnd('my order number is four five'),
    expect: ['2500 start #1 "my order number is four five"'],
  },
  {
    name: 'an eager end of turn is not acted on: there is no speculative reply, the turn waits its silence',
    policy: VENDOR,
    timeline: [
      [0, 'speech'],
      [1000, 'silence'],
      [1000, 'final+eager:two coffees please'],
    ],
    expect: ['1700 start #1 "two coffees please"'],
  },
  {
    name: 'an STT that does not declare end-of-turn hints has them ignored',
    timeline: saidWithVendorEnd('two coffees please'),
    expect: ['1700 start #1 "two coffees please"'],
  },
  {
    name: "speech after an end of turn the table overrode takes the vendor's hint back",
    policy: VENDOR,
    timeline: [
      ...saidWithVendorEnd('Let me think.'),
      [2000, 'speech'],
      [2500, 'silence'],
      [2500, 'final:a latte and'],
    ],
    expect: ['4000 start #1 "Let me think. a latte and"'],
  },
];

/** Silence counted on the audio the VAD has processed, finals awaited from a lagging STT. */
export const ENGINE_LAG_CASES: readonly ConversationCase[] = [
  {
    name: '"Hold on a second." with the VAD a second behind waits 4 s of silence it has heard, and speech in them keeps the turn',
    timeline: [
      [0, 'speech'],
      [500, 'lag:vad=1000'],
      [2300, 'silence@1000'],
      [2300, 'final:Hold on a second.'],
      // The user goes on at 4500; the VAD hears it at 5500, after the wall-time 4 s were up.
      [5500, 'speech@4500'],
      [7300, 'silence@6000'],
      [7300, 'final:My order number is four five seven one.'],
    ],
    // Digits end the sentence: 1500 ms of heard silence after 6000, plus the VAD's 1 s lag.
    expect: ['8500 start #1 "Hold on a second. My order number is four five seven one."'],
  },
  {
    name: 'a phone number dictated with pauses stays one turn while the VAD lags 1.2 s',
    timeline: [
      [0, 'speech'],
      [400, 'lag:vad=1200'],
      [2500, 'silence@1000'],
      [2500, 'final:my phone number is six five oh'],
      // The next group starts 900 ms into the pause; the VAD reports it 1.2 s later.
      [3100, 'speech@1900'],
      [4400, 'silence@2900'],
      [4400, 'final:five five five two one four three'],
    ],
    expect: ['5600 start #1 "my phone number is six five zero five five five two one four three"'],
  },
  {
    name: 'when a lagging VAD catches up, the wait shrinks back to the silence it has heard',
    timeline: [
      [0, 'speech'],
      [500, 'lag:vad=800'],
      [1800, 'silence@1000'],
      [1800, 'final:two coffees please'],
      [2000, 'lag:vad=0'],
    ],
    expect: ['2000 start #1 "two coffees please"'],
  },
  {
    name: 'a VAD lag counts only up to maxEngineLagMs',
    endOfTurn: { maxEngineLagMs: 2000 },
    timeline: [
      [0, 'speech'],
      [500, 'lag:vad=9000'],
      [1000, 'silence'],
      [1000, 'final:two coffees please'],
    ],
    expect: ['3700 start #1 "two coffees please"'],
  },
  {
    name: 'the turn waits for an STT that has not yet processed the end of speech',
    timeline: [
      [0, 'speech'],
      [300, 'lag:stt=1500'],
      [1000, 'silence'],
      [1100, 'final:Where is my order?'],
      [2300, 'final:And my refund?'],
      [2400, 'lag:stt=0'],
    ],
    expect: ['2400 start #1 "Where is my order? And my refund?"'],
  },
  {
    name: 'push-to-talk released while the STT is 2 s behind waits for its final',
    policy: { pushToTalk: true },
    timeline: [
      [0, 'ptt-down'],
      [1500, 'lag:stt=2000'],
      [2000, 'ptt-up'],
      [3000, 'interim:the pressure on the pump'],
      [3900, 'lag:stt=0'],
      [4000, 'final:The pressure on the pump is seven point two bar.'],
    ],
    expect: [
      '0 open-mic',
      '2000 close-mic',
      '2000 finalize-stt',
      '4000 start #1 "The pressure on the pump is seven point two bar."',
    ],
  },
  {
    name: 'a final from before the release does not end a push-to-talk turn while the STT is behind',
    policy: { pushToTalk: true },
    timeline: [
      [0, 'ptt-down'],
      [600, 'lag:stt=1000'],
      [900, 'final:The pressure on the pump'],
      [2000, 'ptt-up'],
      [2500, 'interim:is seven point'],
      [2900, 'lag:stt=0'],
      [3000, 'final:is seven point two bar'],
    ],
    expect: [
      '0 open-mic',
      '2000 close-mic',
      '2000 finalize-stt',
      '3000 start #1 "The pressure on the pump is seven point two bar"',
    ],
  },
  {
    name: 'push-to-talk waits for a lagging STT no longer than maxEngineLagMs',
    policy: { pushToTalk: true },
    endOfTurn: { maxEngineLagMs: 3000 },
    timeline: [
      [0, 'ptt-down'],
      [500, 'interim:hello'],
      [1000, 'lag:stt=9000'],
      [2000, 'ptt-up'],
    ],
    expect: ['0 open-mic', '2000 close-mic', '2000 finalize-stt', '5000 start #1 "hello"'],
  },
  {
    name: 'a pause with no words resumes only once a lagging STT has had the time to hear them',
    timeline: [
      [0, 'text:Count to twelve.'],
      [100, 'audio'],
      [1900, 'lag:stt=2000'],
      [2000, 'speech'],
      [2400, 'silence'],
      [4200, 'interim:wait what about'],
      [4400, 'interim:wait what about my'],
    ],
    expect: ['0 start #1 "Count to twelve."', '2120 pause #1', '4400 interrupt #1 onset=2000'],
    runOutMs: 0,
  },
  {
    name: 'late words of a short sound the VAD timed are judged by their length, not taken as missed speech',
    timeline: [
      [0, 'text:Count to twelve.'],
      [100, 'audio'],
      [2000, 'speech'],
      [2300, 'silence'],
      [4000, 'interim:fluoride'],
      [4160, 'interim:fluoride'],
      [4300, 'final:fluoride'],
    ],
    expect: [
      '0 start #1 "Count to twelve."',
      '2120 pause #1',
      '3800 resume #1',
      '5000 backchannel "fluoride"',
    ],
  },
  {
    // Seen in the spoken suite (issue 11): a cough the VAD never reported, heard as "oh".
    name: 'a backchannel the VAD never reported, finalised by a lagging STT after the reply ended, is no turn',
    timeline: [
      [0, 'text:Count to twelve.'],
      [100, 'audio'],
      [2000, 'lag:stt=1500'],
      [2500, 'ended'],
      [3200, 'final:oh'],
    ],
    // It ends once the STT could have heard the end of it: 1500 ms of lag after the final.
    expect: ['0 start #1 "Count to twelve."', '4700 backchannel "oh"'],
  },
  {
    name: 'a push-to-talk final that comes after the lag bound still ends the turn',
    policy: { pushToTalk: true },
    endOfTurn: { maxEngineLagMs: 3000 },
    timeline: [
      [0, 'ptt-down'],
      [1000, 'lag:stt=9000'],
      [2000, 'ptt-up'],
      [9000, 'lag:stt=0'],
      [9100, 'final:is seven point two bar'],
    ],
    expect: [
      '0 open-mic',
      '2000 close-mic',
      '2000 finalize-stt',
      '9100 start #1 "is seven point two bar"',
    ],
  },
  {
    name: 'late words of long speech the VAD timed interrupt at once, even after the pause resumed',
    timeline: [
      [0, 'text:Count to twelve.'],
      [100, 'audio'],
      [2000, 'speech'],
      [4200, 'silence'],
      [7500, 'interim:wait sorry what about'],
      [7660, 'interim:wait sorry what about my'],
    ],
    expect: [
      '0 start #1 "Count to twelve."',
      '2120 pause #1',
      '5700 resume #1',
      '7660 interrupt #1 onset=7660',
    ],
    runOutMs: 0,
  },
];
