import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ParleyError } from '../spec/errors.ts';
import { SessionRecorder } from './session-recorder.ts';

const start = { id: 'c1', agentId: 'cafe', startedAtMs: 0 };

describe('SessionRecorder', () => {
  it('writes a turn when its metrics follow turn.end, with what was heard of an interrupted reply', () => {
    const recorder = new SessionRecorder(start);
    assert.deepEqual(recorder.next({ type: 'turn.start', turnId: 2, userText: 'status?' }, 10), []);
    recorder.next({ type: 'agent.text', turnId: 2, text: 'It shipped on Monday.' }, 20);
    recorder.next({ type: 'agent.text', turnId: 2, text: 'It arrives Tuesday.' }, 30);
    recorder.next({ type: 'interrupt', turnId: 2, heardText: 'It shipped' }, 40);
    assert.deepEqual(recorder.next({ type: 'turn.end', turnId: 2, interrupted: true }, 50), []);
    const writes = recorder.next(
      { type: 'metrics.turn', metrics: { turnId: 2, interrupted: true, firstAudioMs: 300 } },
      50,
    );
    assert.deepEqual(writes, [
      {
        kind: 'turn',
        turn: {
          conversationId: 'c1',
          turnId: 2,
          startedAtMs: 10,
          endedAtMs: 50,
          userText: 'status?',
          agentText: 'It shipped on Monday. It arrives Tuesday.',
          heardText: 'It shipped',
          interrupted: true,
          completed: true,
          metrics: { turnId: 2, interrupted: true, firstAudioMs: 300 },
          toolCalls: [],
        },
      },
    ]);
  });

  it('keeps a tool call with its arguments and result', () => {
    const recorder = new SessionRecorder(start);
    recorder.next({ type: 'turn.start', turnId: 1, userText: 'order 42' }, 0);
    recorder.next(
      { type: 'tool.call', turnId: 1, toolCallId: 'x', name: 'lookup', arguments: { id: 42 } },
      1,
    );
    recorder.next(
      {
        type: 'tool.result',
        turnId: 1,
        toolCallId: 'x',
        name: 'lookup',
        ok: false,
        result: { error: 'not found' },
      },
      2,
    );
    recorder.next({ type: 'turn.end', turnId: 1, interrupted: false }, 3);
    const [write] = recorder.next(
      { type: 'metrics.turn', metrics: { turnId: 1, interrupted: false } },
      3,
    );
    assert.equal(write?.kind, 'turn');
    assert.deepEqual(write.kind === 'turn' && write.turn.toolCalls, [
      {
        toolCallId: 'x',
        name: 'lookup',
        arguments: { id: 42 },
        ok: false,
        result: { error: 'not found' },
      },
    ]);
  });

  it('numbers errors and ties them to the latest turn', () => {
    const recorder = new SessionRecorder(start);
    recorder.next({ type: 'turn.start', turnId: 3, userText: '' }, 0);
    const error = new ParleyError('timeout', 'llm timed out');
    const [first] = recorder.next({ type: 'error', error, fatal: false }, 5);
    const [second] = recorder.next({ type: 'error', error, fatal: true }, 6);
    assert.deepEqual(
      [first, second].map(
        (w) => w?.kind === 'error' && [w.error.seq, w.error.turnId, w.error.fatal],
      ),
      [
        [0, 3, false],
        [1, 3, true],
      ],
    );
  });

  it('writes a turn cut off by the end of the conversation as not completed, and then nothing more', () => {
    const recorder = new SessionRecorder(start);
    recorder.next({ type: 'turn.start', turnId: 1, userText: 'hello' }, 0);
    recorder.next({ type: 'agent.text', turnId: 1, text: 'Hi there' }, 1);
    const writes = recorder.end(9, 'worker-drained');
    assert.deepEqual(
      writes.map((w) => (w.kind === 'turn' ? [w.turn.completed, w.turn.heardText] : w.kind)),
      [[false, ''], 'conversation-end'],
    );
    assert.deepEqual(recorder.next({ type: 'turn.start', turnId: 2, userText: 'x' }, 10), []);
    assert.deepEqual(recorder.end(11, 'closed'), []);
  });
});

describe('SessionRecorder and the greeting', () => {
  it('records the greeting, which has no turn.start, as a turn with no user words', () => {
    const recorder = new SessionRecorder(start);
    recorder.next({ type: 'agent.text', turnId: 1, text: 'Welcome.' }, 0);
    recorder.next({ type: 'turn.end', turnId: 1, interrupted: false }, 900);
    const [write] = recorder.next(
      { type: 'metrics.turn', metrics: { turnId: 1, interrupted: false } },
      900,
    );
    assert.deepEqual(write?.kind === 'turn' && [write.turn.userText, write.turn.heardText], [
      '',
      'Welcome.',
    ]);
  });
});
