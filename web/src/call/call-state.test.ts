import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  INITIAL_CALL,
  MAX_RECONNECT_ATTEMPTS,
  reconnectDelayMs,
  stepCall,
  type CallInput,
  type CallState,
} from './call-state.ts';

/** Runs inputs through the reducer; returns every phase visited. */
function run(inputs: readonly CallInput[], from: CallState = INITIAL_CALL) {
  let state = from;
  const phases: string[] = [];
  const steps = [];
  for (const input of inputs) {
    const step = stepCall(state, input);
    steps.push(step);
    state = step.state;
    phases.push(state.phase);
  }
  return { state, phases, steps };
}

const ready = {
  type: 'session.ready',
  sessionId: 's1',
  agent: {
    id: 'demo',
    name: 'Demo',
    description: '',
    language: 'en-US',
    title: 'Demo',
    page: 'agent.html',
    inputMode: 'vad',
  },
  inputSampleRate: 16_000,
  inputFrameMs: 20,
  outputSampleRate: 24_000,
} as const;

describe('the call header state machine', () => {
  it('walks a whole spoken turn through listening, speaking, thinking and the agent speaking', () => {
    const { phases } = run([
      { type: 'call.start' },
      { type: 'socket.open' },
      ready,
      { type: 'user.speech-start' },
      { type: 'user.speech-end' },
      { type: 'turn.start', turnId: 1, userText: 'hi' },
      { type: 'playback.started', turnId: 1 },
      { type: 'agent.paused', turnId: 1 },
      { type: 'agent.resumed', turnId: 1 },
      { type: 'playback.ended', turnId: 1 },
    ]);
    assert.deepEqual(phases, [
      'connecting',
      'connecting',
      'listening',
      'user-speaking',
      'listening',
      'thinking',
      'agent-speaking',
      'paused',
      'agent-speaking',
      'listening',
    ]);
  });

  it('shows an interruption until the user stops speaking', () => {
    const { phases } = run([
      { type: 'call.start' },
      ready,
      { type: 'playback.started', turnId: 1 },
      { type: 'user.speech-start' },
      { type: 'agent.paused', turnId: 1 },
      { type: 'interrupt', turnId: 1, heardText: 'We open' },
      { type: 'playback.ended', turnId: 1 },
      { type: 'user.speech-end' },
    ]);
    assert.deepEqual(phases.slice(2), [
      'agent-speaking',
      'agent-speaking',
      'paused',
      'interrupted',
      'interrupted',
      'listening',
    ]);
  });

  it('reconnects with a doubling delay after a drop, then gives up with the reason', () => {
    let { state } = run([{ type: 'call.start' }, ready]);
    const delays: number[] = [];
    for (let attempt = 1; attempt <= MAX_RECONNECT_ATTEMPTS; attempt++) {
      const step = stepCall(state, { type: 'socket.closed', detail: 'code 1006' });
      assert.equal(step.state.phase, 'reconnecting');
      assert.equal(step.state.reason?.kind, 'dropped');
      delays.push(step.reconnectInMs ?? -1);
      state = step.state;
    }
    assert.deepEqual(delays, [500, 1000, 2000, 4000, 8000]);
    const last = stepCall(state, { type: 'socket.closed', detail: 'code 1006' });
    assert.equal(last.state.phase, 'failed');
    assert.equal(last.reconnectInMs, undefined);
  });

  it('calls a server that never answered unreachable, not dropped', () => {
    const { state } = run([{ type: 'call.start' }, { type: 'socket.closed', detail: 'code 1006' }]);
    assert.equal(state.phase, 'reconnecting');
    assert.deepEqual(state.reason, { kind: 'unreachable' });
  });

  it('is back to listening with the attempts reset once a new session is ready', () => {
    const { state } = run([
      { type: 'call.start' },
      ready,
      { type: 'socket.closed', detail: 'code 1006' },
      { type: 'socket.open' },
      { ...ready, sessionId: 's2' },
    ]);
    assert.equal(state.phase, 'listening');
    assert.equal(state.attempt, 0);
    assert.equal(state.reason, undefined);
  });

  it('fails at once, closing the socket, for an unknown agent', () => {
    const { state, steps } = run([
      { type: 'call.start' },
      { type: 'socket.open' },
      { type: 'error', code: 'unknown-agent', message: 'no agent "x"', fatal: false },
      { type: 'socket.closed', detail: 'bye' },
    ]);
    assert.equal(state.phase, 'failed');
    assert.deepEqual(state.reason, { kind: 'unknown-agent' });
    assert.equal(steps[2]?.closeSocket, true);
    assert.equal(steps[3]?.reconnectInMs, undefined, 'a failed call does not reconnect');
  });

  it('ends on End call and ignores everything after it but a new start', () => {
    const { state, steps } = run([
      { type: 'call.start' },
      ready,
      { type: 'call.end' },
      { type: 'socket.closed', detail: 'bye' },
      { type: 'playback.started', turnId: 3 },
    ]);
    assert.equal(state.phase, 'ended');
    assert.equal(steps[2]?.closeSocket, true);
    assert.equal(stepCall(state, { type: 'call.start' }).state.phase, 'connecting');
  });

  it('treats push-to-talk presses as the user speaking', () => {
    const { phases } = run([
      { type: 'call.start' },
      ready,
      { type: 'ptt.down' },
      { type: 'ptt.up' },
      { type: 'turn.start', turnId: 1, userText: 'pump' },
      { type: 'turn.end', turnId: 1, interrupted: false },
    ]);
    assert.deepEqual(phases.slice(2), ['user-speaking', 'listening', 'thinking', 'listening']);
  });

  it('caps the reconnect delay at 8 s', () => {
    assert.equal(reconnectDelayMs(1), 500);
    assert.equal(reconnectDelayMs(9), 8_000);
  });
});
