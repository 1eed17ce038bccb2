import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { casePolicy } from '../testing/conversation-table.ts';
import { type ConversationEvent, type ConversationState, initialConversation } from './state.ts';
import { isBackchannel } from '../listen/backchannel.ts';
import { agentHoldsFloor, step } from './step.ts';

/** One kind of event, with a gap before it; turn ids are filled in from the state. */
const EVENT_KINDS = [
  'vad-start',
  'vad-start-echo',
  'vad-end',
  'interim',
  'final',
  'final-words',
  'final-eot',
  'misheard',
  'goes-on',
  'backchannel',
  'lag-behind',
  'lag-caught-up',
  'text',
  'ptt-down',
  'ptt-up',
  'first-audio',
  'tool-on',
  'tool-off',
  'ended',
  'playback',
  'deadline',
] as const;
type Kind = (typeof EVENT_KINDS)[number];

function toEvent(kind: Kind, nowMs: number, s: ConversationState): ConversationEvent {
  const turnId = s.reply?.turnId ?? 0;
  switch (kind) {
    case 'vad-start':
      return { type: 'vad-start', nowMs, onsetMs: nowMs - 50, echoShare: 0 };
    case 'vad-start-echo':
      return { type: 'vad-start', nowMs, onsetMs: nowMs - 50, echoShare: 0.95 };
    case 'vad-end':
      return { type: 'vad-end', nowMs, endedAtMs: nowMs };
    case 'interim':
      return { type: 'stt-interim', nowMs, text: 'wait a' };
    case 'final':
      return { type: 'stt-final', nowMs, text: 'Where is my order?' };
    case 'final-words':
      return { type: 'stt-final', nowMs, text: 'Where is my order?', wordsEndedAtMs: nowMs - 250 };
    case 'final-eot':
      return { type: 'stt-final', nowMs, text: 'two coffees please', endOfTurn: {} };
    case 'misheard':
      return { type: 'stt-interim', nowMs, text: 'an eight chan' };
    case 'goes-on':
      return { type: 'stt-interim', nowMs, text: 'number four five' };
    case 'backchannel':
      return { type: 'stt-final', nowMs, text: 'mm-hmm' };
    case 'lag-behind':
      return { type: 'engine-lag', nowMs, vadLagMs: 1200, sttLagMs: 800 };
    case 'lag-caught-up':
      return { type: 'engine-lag', nowMs, vadLagMs: 0, sttLagMs: 0 };
    case 'text':
      return { type: 'text', nowMs, text: 'hello' };
    case 'ptt-down':
    case 'ptt-up':
      return { type: kind, nowMs };
    case 'first-audio':
      return { type: 'reply-first-audio', nowMs, turnId };
    case 'tool-on':
    case 'tool-off':
      return { type: 'tool-progress', nowMs, turnId, running: kind === 'tool-on' };
    case 'ended':
      return { type: 'reply-ended', nowMs, turnId };
    case 'playback':
      return { type: 'playback', nowMs, turnId, playedMs: 500 };
    case 'deadline':
      return { type: 'deadline', nowMs };
  }
}

const timelines = fc.tuple(
  fc.boolean(),
  fc.boolean(),
  fc.boolean(),
  fc.boolean(),
  fc.array(fc.tuple(fc.constantFrom(...EVENT_KINDS), fc.integer({ min: 0, max: 2000 })), {
    maxLength: 60,
  }),
);

describe('step: properties over random timelines', () => {
  it('never resumes over a speaking user, never answers a backchannel over the agent, never acts on a stale reply or preparation, and keeps its deadline ahead', () => {
    fc.assert(
      fc.property(timelines, ([pushToTalk, interimResults, vendorEndOfTurn, preemptive, lines]) => {
        const policy = casePolicy({
          name: 'random',
          timeline: [],
          expect: [],
          policy: { pushToTalk, interimResults, vendorEndOfTurn, preemptiveReply: preemptive },
        });
        let state = initialConversation(policy);
        let nowMs = 0;
        for (const [kind, gapMs] of lines) {
          nowMs += gapMs;
          // Deadlines fire when due, as the runner's timer would.
          while (state.deadlineMs !== undefined && state.deadlineMs <= nowMs) {
            state = check(state, { type: 'deadline', nowMs: state.deadlineMs });
          }
          state = check(state, toEvent(kind, nowMs, state));
        }
      }),
      { numRuns: 300 },
    );
  });
});

function check(before: ConversationState, event: ConversationEvent): ConversationState {
  const { state, commands } = step(before, event);
  let startedTurns = 0;
  let prepared = before.prepared?.turnId;
  for (const command of commands) {
    switch (command.type) {
      case 'resume':
        assert.equal(state.user.speaking, false, 'resumed over a speaking user');
        assert.equal(command.turnId, before.reply?.turnId, 'resumed a reply that is not current');
        break;
      case 'pause':
        assert.ok(state.reply?.audible, 'paused a reply that made no sound');
        assert.equal(command.turnId, before.reply?.turnId);
        break;
      case 'retract-reply':
        assert.ok(before.reply?.continuable, 'retracted a reply to no spoken turn');
        assert.ok(!before.reply.toolRan && !before.reply.toolRunning, 'retracted after a tool');
        assert.equal(command.turnId, before.reply.turnId, 'retracted a stale reply');
        break;
      case 'interrupt':
      case 'cancel-reply':
        assert.equal(command.turnId, before.reply?.turnId, `${command.type} of a stale reply`);
        break;
      case 'start-reply':
        startedTurns += 1;
        assert.equal(command.turnId, before.nextTurnId);
        assert.ok(command.timing.speechEndedAtMs <= command.timing.detectedAtMs);
        if (agentHoldsFloor(before)) {
          const backchannel = isBackchannel(
            command.userText,
            state.policy.interruption.backchannels,
            state.policy.language,
          );
          assert.ok(!backchannel, 'a backchannel became a turn while the agent held the floor');
        }
        break;
      case 'prepare-reply':
        assert.equal(prepared, undefined, 'a second preparation beside the first');
        assert.ok(!before.policy.pushToTalk, 'prepared a push-to-talk turn');
        prepared = command.turnId;
        break;
      case 'commit-reply':
        startedTurns += 1;
        assert.equal(command.turnId, prepared, 'committed a reply that was not prepared');
        assert.equal(state.reply?.turnId, command.turnId);
        assert.ok(command.timing.speechEndedAtMs <= command.timing.detectedAtMs);
        prepared = undefined;
        break;
      case 'discard-reply':
        assert.equal(command.turnId, prepared, 'discarded a reply that was not prepared');
        prepared = undefined;
        break;
      case 'schedule':
        assert.ok(command.atMs > state.nowMs, 'a deadline in the past');
        break;
      case 'emit':
      case 'cancel-deadline':
      case 'open-mic':
      case 'close-mic':
      case 'finalize-stt':
        break;
    }
  }
  assert.ok(startedTurns <= 1, 'more than one reply started by one event');
  assert.equal(
    state.prepared?.turnId,
    prepared,
    'the preparation in the state is not the one commanded',
  );
  if (state.prepared)
    assert.ok(!state.reply || state.reply.stopped, 'prepared beside a live reply');
  if (state.deadlineMs !== undefined) assert.ok(state.deadlineMs > state.nowMs);
  if (state.reply?.bargeIn.phase === 'paused') assert.ok(state.reply.audible);
  return state;
}
