import type { ClipPart } from '../../src/testing/speech/index.ts';
import { TRIGGER_TEXT } from './agent.ts';
import {
  judgeBargeIn,
  judgeContinued,
  judgeNotInterrupted,
  judgeOneTurnWithDigits,
  judgeAnswered,
  judgeReplyAfterRelease,
  judgeWaits,
  type JudgeContext,
  type Verdict,
} from './judge.ts';
import type { Recording, ScenarioPlan } from './run.ts';

/** One spoken situation: what the user does, when, and how to tell whether Parley got it right. */
export interface Scenario {
  readonly id: string;
  readonly plan: ScenarioPlan;
  readonly parts: readonly ClipPart[];
  readonly judge: (recording: Recording, context: JudgeContext) => Verdict;
}

/** The eight backchannel forms of issue 11, said 1.2 s into the agent's reply. */
export const BACKCHANNELS = ['okay', 'mhm', 'mm-hmm', 'yeah', 'uh-huh', 'right', 'yup', 'gotcha'];

const overReply = (ms: number): ScenarioPlan => ({
  agent: 'desk',
  trigger: TRIGGER_TEXT,
  at: { from: 'agent-audio', ms },
});
/** What the user says in the barge-in scenarios. */
export const BARGE_IN_TEXT = 'Wait, sorry, what about my phone number?';
const BARGE_IN: readonly ClipPart[] = [{ say: BARGE_IN_TEXT }];

export const SCENARIOS: readonly Scenario[] = [
  ...BACKCHANNELS.map((word): Scenario => ({
    id: `backchannel ${word}`,
    plan: overReply(1_200),
    parts: [{ say: word }],
    judge: (rec) => judgeNotInterrupted(rec, { heard: true }),
  })),
  {
    id: 'cough',
    plan: overReply(1_200),
    parts: [{ sound: 'cough' }],
    judge: (rec) => judgeNotInterrupted(rec),
  },
  {
    id: 'door slam',
    plan: overReply(1_200),
    parts: [{ sound: 'door-slam' }],
    judge: (rec) => judgeNotInterrupted(rec),
  },
  { id: 'barge-in early', plan: overReply(300), parts: BARGE_IN, judge: judgeBargeIn },
  {
    id: 'barge-in middle',
    plan: { agent: 'desk', trigger: TRIGGER_TEXT, at: { from: 'reply-fraction', fraction: 0.5 } },
    parts: BARGE_IN,
    judge: judgeBargeIn,
  },
  {
    id: 'barge-in late',
    plan: { agent: 'desk', trigger: TRIGGER_TEXT, at: { from: 'reply-end', ms: 1_200 } },
    parts: BARGE_IN,
    judge: judgeBargeIn,
  },
  {
    id: 'order number dictated',
    plan: { agent: 'desk', at: { from: 'ready', ms: 500 } },
    parts: [
      { say: 'My order number is four oh five seven.' },
      { pauseMs: 900 },
      { say: 'One two three.' },
    ],
    judge: (rec) => judgeOneTurnWithDigits(rec, '4057123'),
  },
  {
    id: 'phone number dictated',
    plan: { agent: 'desk', at: { from: 'ready', ms: 500 } },
    parts: [
      { say: 'My phone number is six five oh.' },
      { pauseMs: 800 },
      { say: 'Five five five.' },
      { pauseMs: 800 },
      { say: 'Two one four three.' },
    ],
    judge: (rec) => judgeOneTurnWithDigits(rec, '6505552143'),
  },
  {
    id: 'hold on a second',
    plan: { agent: 'desk', at: { from: 'ready', ms: 500 } },
    parts: [
      { say: 'Hold on a second.' },
      { pauseMs: 2_500 },
      { say: 'My order number is four five seven one.' },
    ],
    judge: judgeWaits,
  },
  {
    id: 'push-to-talk',
    plan: { agent: 'technician', at: { from: 'ready', ms: 800 }, pushToTalk: true },
    parts: [
      { say: 'The pressure on the pump' },
      { pauseMs: 1_000 },
      { say: 'is seven point two bar.' },
    ],
    judge: judgeReplyAfterRelease,
  },
  {
    // Issue 11: a pause shorter than the VAD's 300 ms after words that read as finished.
    id: 'paused mid-sentence',
    plan: { agent: 'desk', at: { from: 'ready', ms: 500 } },
    parts: [
      { say: 'I want to check my order.' },
      { pauseMs: 250 },
      { say: 'Number four five seven one.' },
    ],
    judge: (rec) => judgeContinued(rec, 'order'),
  },
];

/**
 * Questions the desk agent does not expect (none is in its vocabulary or script), for the
 * bench's end of speech → first agent audio: the agent answers each with its fallback.
 */
export const UNEXPECTED_PHRASINGS: readonly Scenario[] = [
  "What's the weather like?",
  'Where are you from?',
  'What are you looking for?',
  'Do you have anything cheaper?',
  'Can I pay by card?',
  'Is there a student discount?',
].map((text) => ({
  id: `unexpected: ${text}`,
  plan: { agent: 'desk', at: { from: 'ready', ms: 500 } },
  parts: [{ say: text }],
  judge: judgeAnswered,
}));
