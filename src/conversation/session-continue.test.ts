import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scriptedSession } from '../testing/session-harness.ts';

/**
 * The user stops at 1000 after words that sound finished, the reply is heard from ~1400, and
 * they go on at 1500 with the rest of the sentence.
 */
function pausedMidSentence(continueGraceMs?: number) {
  return scriptedSession({
    user: [
      { startMs: 0, endMs: 1000, transcript: 'I want to check my order.' },
      {
        startMs: 1500,
        endMs: 2800,
        transcript: 'number four five seven one',
        interims: [
          { atMs: 400, text: 'number' },
          { atMs: 560, text: 'number four' },
        ],
      },
    ],
    llm: (call) => ({
      text: `You said: ${String(call.messages.at(-1)?.content)}. Let me look that up for you now.`,
    }),
    tts: { firstAudioDelayMs: 50 },
    ...(continueGraceMs !== undefined && { agent: { endOfTurn: { continueGraceMs } } }),
  });
}

describe('session: a user who pauses, then goes on', () => {
  it('retracts the reply begun in the pause: one user turn in history, answered once', async () => {
    const t = pausedMidSentence();
    await t.clock.advanceUntil(() => t.of('metrics.turn').length > 0);
    const [first, merged] = t.of('turn.start');
    assert.ok(first && merged, 'a reply started in the pause, and another after');
    assert.equal(merged.userText, 'I want to check my order. number four five seven one');
    // The client flushes what it holds of the retracted reply, as after an interrupt.
    assert.deepEqual(
      t.of('interrupt').map((e) => e.turnId),
      [first.turnId],
    );
    assert.ok(
      t.of('agent.audio').some((e) => e.turnId === first.turnId),
      'it was heard first',
    );
    assert.deepEqual(
      t.of('turn.end').map((e) => [e.turnId, e.interrupted, e.cancelled]),
      [
        [first.turnId, true, true],
        [merged.turnId, false, undefined],
      ],
      'the retracted reply ends, marked cancelled: no answer',
    );
    assert.equal(t.of('metrics.turn').length, 1);
    assert.deepEqual(
      t.session.history.slice(1).map((m) => [m.role, m.content]),
      [
        ['user', 'I want to check my order. number four five seven one'],
        [
          'assistant',
          'You said: I want to check my order. number four five seven one. Let me look that up for you now.',
        ],
      ],
    );
    await t.session.close();
  });

  it('ends a reply replaced before it made a sound as cancelled, its words answered in the next', async () => {
    const t = scriptedSession({
      user: [
        { startMs: 0, endMs: 1000, transcript: 'Two coffees please.' },
        { startMs: 1400, endMs: 1800, transcript: 'And a muffin.' },
      ],
      llm: { text: 'Sure, one moment.', firstTokenDelayMs: 2000 },
    });
    await t.clock.advanceUntil(() => t.of('metrics.turn').length > 0);
    const [first, merged] = t.of('turn.start');
    assert.ok(first && merged, 'a reply started in the pause, and another after');
    assert.equal(t.of('interrupt').length, 0, 'nothing was heard, so nothing to flush');
    assert.deepEqual(
      t.of('turn.end').map((e) => [e.turnId, e.interrupted, e.cancelled]),
      [
        [first.turnId, false, true],
        [merged.turnId, false, undefined],
      ],
    );
    assert.equal(t.of('metrics.turn').length, 1);
    await t.session.close();
  });

  it('with continueGraceMs 0 interrupts the reply and answers the rest as a turn of its own', async () => {
    const t = pausedMidSentence(0);
    await t.clock.advanceUntil(() => t.of('turn.end').length > 1);
    assert.deepEqual(
      t.of('turn.start').map((e) => e.userText),
      ['I want to check my order.', 'number four five seven one'],
    );
    assert.deepEqual(
      t.session.history.filter((m) => m.role === 'user').map((m) => m.content),
      ['I want to check my order.', 'number four five seven one'],
    );
    await t.session.close();
  });
});
