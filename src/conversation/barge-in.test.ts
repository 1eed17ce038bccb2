import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scriptedSession } from '../testing/session-harness.ts';

// The agent answers at 1300 ms (1000 ms of speech + 300 ms of silence after a full stop)
// and speaks 12 words at 300 ms a word, so it talks from 1300 to 4900.
const LONG_REPLY = 'One two three four five six. Seven eight nine ten eleven twelve.';
const ASK = { startMs: 0, endMs: 1000, transcript: 'Count to twelve.' };

function assistantMessages(history: readonly { role: string }[]) {
  return history.filter((m) => m.role === 'assistant');
}

describe('session: barge-in', () => {
  it('stops audio, flushes the client and keeps exactly the heard words in history', async () => {
    const t = scriptedSession({
      user: [
        ASK,
        // Speaks over the agent 1000 ms into its audio; words recognised 200 ms later.
        {
          startMs: 2300,
          endMs: 2900,
          transcript: 'Wait, stop.',
          interims: [{ atMs: 200, text: 'wait' }],
        },
      ],
      llm: [{ text: LONG_REPLY }, { text: 'Okay, stopping.' }],
    });
    await t.clock.advanceTo(2250);
    // The client reports it has played 950 ms: "one two three" are fully heard.
    t.session.setPlaybackPosition(t.first('agent.audio.start')!.turnId, 950);
    await t.clock.advanceUntil(() => t.of('turn.end').length === 2);

    const interrupt = t.first('interrupt')!;
    assert.equal(interrupt.heardText, 'One two three');
    const lastFrameAtMs = Math.max(
      ...t
        .of('agent.audio')
        .filter((e) => e.turnId === interrupt.turnId)
        .map((e) => e.atMs),
    );
    assert.ok(lastFrameAtMs <= 2300 + 120, 'no agent audio after the pause that confirmed speech');
    const firstReply = assistantMessages(t.session.history)[0];
    assert.deepEqual(firstReply, {
      role: 'assistant',
      content: 'One two three',
      interrupted: true,
    });
    // The next reply was asked with the corrected context.
    const secondCall = t.llm.calls[1]!.messages;
    assert.deepEqual(secondCall.slice(-2), [
      { role: 'assistant', content: 'One two three', interrupted: true },
      { role: 'user', content: 'Wait, stop.' },
    ]);
    assert.equal(t.llm.calls[0]!.aborted, false, 'the LLM had already finished this short reply');
    await t.session.close();
  });

  it('estimates heard words from the audio sent when the client reports nothing', async () => {
    const t = scriptedSession({
      user: [
        ASK,
        {
          startMs: 2300,
          endMs: 2900,
          transcript: 'Wait.',
          interims: [{ atMs: 200, text: 'wait' }],
        },
      ],
      llm: [{ text: LONG_REPLY }, { text: 'Okay.' }],
    });
    await t.clock.advanceUntil(() => t.of('turn.end').length === 2);
    // Paused at 2420 with ~60 ms sent ahead: 1180 ms of audio out, so three whole words.
    assert.equal(t.first('interrupt')!.heardText, 'One two three');
    assert.equal(t.first('metrics.turn')!.metrics.interruptMs, 120);
    await t.session.close();
  });

  it('aborts an LLM that is still streaming when the user interrupts', async () => {
    const t = scriptedSession({
      user: [
        ASK,
        {
          startMs: 2300,
          endMs: 2900,
          transcript: 'Stop.',
          interims: [{ atMs: 150, text: 'stop' }],
        },
      ],
      llm: [
        { text: `${LONG_REPLY} ${LONG_REPLY} ${LONG_REPLY}`, tokenIntervalMs: 200 },
        { text: 'Okay.' },
      ],
    });
    await t.clock.advanceUntil(() => t.of('turn.end').length === 2);
    assert.equal(t.llm.calls[0]!.aborted, true);
    await t.session.close();
  });

  it('does not interrupt for a backchannel', async () => {
    const t = scriptedSession({
      user: [
        ASK,
        { startMs: 2300, endMs: 2500, transcript: 'mhm', interims: [{ atMs: 80, text: 'mhm' }] },
      ],
      llm: [{ text: LONG_REPLY }],
    });
    await t.clock.advanceUntil(() => t.first('turn.end') !== undefined);
    await t.clock.advance(3000);
    assert.equal(t.of('interrupt').length, 0);
    assert.equal(t.of('agent.paused').length, 0);
    assert.equal(t.llm.calls.length, 1, 'the backchannel did not become a turn');
    assert.deepEqual(assistantMessages(t.session.history), [
      { role: 'assistant', content: LONG_REPLY },
    ]);
    await t.session.close();
  });

  it('resumes where it stopped after a false interruption, losing no audio', async () => {
    const t = scriptedSession({
      user: [ASK, { startMs: 2300, endMs: 2500, transcript: '' }], // a cough: sound, no words
      llm: [{ text: LONG_REPLY }],
    });
    await t.clock.advanceUntil(() => t.first('turn.end') !== undefined);
    assert.deepEqual(
      t.events
        .filter((e) => e.type === 'agent.paused' || e.type === 'agent.resumed')
        .map((e) => [e.type, e.atMs]),
      [
        ['agent.paused', 2420],
        // The false-interruption timer runs from when the cough ENDED, not its onset.
        ['agent.resumed', 2500 + 1500],
      ],
    );
    const samples = t.of('agent.audio').reduce((n, e) => n + e.chunk.samples.length, 0);
    assert.equal(samples, 12 * 300 * 16, 'every sample of the reply was sent');
    assert.equal(t.of('interrupt').length, 0);
    assert.deepEqual(assistantMessages(t.session.history), [
      { role: 'assistant', content: LONG_REPLY },
    ]);
    await t.session.close();
  });

  it('with the echo guard on, keeps speaking through speech that brings no words', async () => {
    const t = scriptedSession({
      user: [ASK, { startMs: 2300, endMs: 2800, transcript: '' }],
      llm: [{ text: LONG_REPLY }],
      agent: { interruption: { requireWordsToPause: true } },
    });
    await t.clock.advanceUntil(() => t.first('turn.end') !== undefined);
    assert.equal(t.of('agent.paused').length, 0);
    assert.equal(t.of('interrupt').length, 0);
    await t.session.close();
  });
});

describe('session: barge-in state belongs to one reply', () => {
  it('speech starting 50 ms before a reply ends leaves no pause for the next reply to inherit', async () => {
    const t = scriptedSession({
      user: [
        { startMs: 0, endMs: 1000, transcript: 'Hello.' },
        // Reply 1 ("Hi there.") plays 1300–1900; the user starts 50 ms before its end.
        { startMs: 1850, endMs: 3000, transcript: 'And what about my refund?' },
      ],
      llm: [{ text: 'Hi there.' }, { text: 'Your refund is on its way.' }],
    });
    await t.clock.advanceUntil(() => t.of('turn.end').length === 2);
    const secondAudio = t.of('agent.audio').filter((e) => e.turnId === 2);
    assert.ok(secondAudio[0]!.atMs >= 3000, 'reply 2 did not play over the user');
    assert.equal(t.of('agent.paused').filter((e) => e.turnId === 2).length, 0);
    assert.equal(t.of('turn.end')[1]!.interrupted, false);
    await t.session.close();
  });
});
