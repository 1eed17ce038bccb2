import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Received } from './client.ts';
import {
  digitsOf,
  judgeBargeIn,
  judgeContinued,
  judgeNotInterrupted,
  judgeOneTurnWithDigits,
  judgeReplyAfterRelease,
  judgeWaits,
} from './judge.ts';
import type { Recording } from './run.ts';

const REPLY = 'We have three plans. Basic costs ten euros.';

/** A recording of a reply (turn 1, typed) with the user's clip sent at 1000–1400 ms. */
function recording(
  events: readonly [number, Received['message']][],
  extra: Partial<Recording> = {},
): Recording {
  return {
    messages: [
      { atMs: 0, message: { type: 'turn.start', turnId: 1, userText: 'tell me about your plans' } },
      { atMs: 10, message: { type: 'agent.text', turnId: 1, text: REPLY } },
      { atMs: 20, message: { type: 'agent.audio.start', turnId: 1, sampleRate: 24_000 } },
      ...events.map(([atMs, message]) => ({ atMs, message })),
    ],
    frames: Array.from({ length: 100 }, (_, i) => ({
      atMs: 20 + i * 20,
      turnId: 1,
      durationMs: 20,
    })),
    playedMs: new Map(),
    triggerTurnId: 1,
    spansSentAtMs: [{ startMs: 1000, endMs: 1400 }],
    pttUpAtMs: undefined,
    ...extra,
  };
}

describe('the scenario judges', () => {
  it('passes a backchannel that the agent talked through', () => {
    const rec = recording([
      [1100, { type: 'user.speech-start' }],
      [1150, { type: 'agent.paused', turnId: 1 }],
      [1500, { type: 'agent.resumed', turnId: 1 }],
      [3000, { type: 'agent.audio.end', turnId: 1, interrupted: false }],
    ]);
    assert.equal(judgeNotInterrupted(rec, { heard: true }).pass, true);
  });

  it('fails a backchannel that the VAD never heard, since nothing was tested', () => {
    const rec = recording([[3000, { type: 'agent.audio.end', turnId: 1, interrupted: false }]]);
    assert.match(judgeNotInterrupted(rec, { heard: true }).reason, /never heard/);
  });

  it('fails a backchannel that interrupted the agent', () => {
    const rec = recording([[1300, { type: 'interrupt', turnId: 1, heardText: 'We have' }]]);
    const verdict = judgeNotInterrupted(rec);
    assert.equal(verdict.pass, false);
    assert.match(verdict.reason, /interrupted 300 ms after the onset/);
  });

  it('fails a backchannel that became a user turn of its own', () => {
    const rec = recording([
      [3000, { type: 'agent.audio.end', turnId: 1, interrupted: false }],
      [3100, { type: 'turn.start', turnId: 2, userText: 'okay' }],
    ]);
    assert.match(judgeNotInterrupted(rec).reason, /became a user turn: "okay"/);
  });

  it('passes a barge-in whose heard text is a prefix of the reply', () => {
    const rec = recording([[1300, { type: 'interrupt', turnId: 1, heardText: 'We have three' }]], {
      frames: [{ atMs: 1290, turnId: 1, durationMs: 20 }],
    });
    assert.equal(judgeBargeIn(rec, {}).pass, true);
  });

  it('fails a barge-in whose heard text was never said', () => {
    const rec = recording(
      [[1300, { type: 'interrupt', turnId: 1, heardText: 'Order 4 expected' }]],
      {
        frames: [{ atMs: 1290, turnId: 1, durationMs: 20 }],
      },
    );
    assert.match(judgeBargeIn(rec, {}).reason, /not a prefix/);
  });

  it('fails a barge-in that counts unplayed sentences as heard', () => {
    const rec = recording([[1300, { type: 'interrupt', turnId: 1, heardText: REPLY }]], {
      frames: [{ atMs: 1290, turnId: 1, durationMs: 20 }],
      playedMs: new Map([[1, 200]]),
    });
    assert.match(judgeBargeIn(rec, { replyMs: 4000 }).reason, /only 0 of 8 were played/);
  });

  it('fails a barge-in after which the agent audio goes on', () => {
    const rec = recording([[1300, { type: 'interrupt', turnId: 1, heardText: 'We' }]]);
    assert.match(judgeBargeIn(rec, {}).reason, /went on/);
  });

  it('reads digits from words, with "oh" as zero', () => {
    assert.equal(digitsOf('my order number is four oh five 7'), '4057');
  });

  it('fails dictation that was cut into two turns', () => {
    const rec = recording([
      [2000, { type: 'turn.start', turnId: 2, userText: 'my order number is four five' }],
      [3000, { type: 'turn.start', turnId: 3, userText: 'seven one' }],
    ]);
    assert.match(judgeOneTurnWithDigits(rec, '4571').reason, /2 user turns/);
  });

  it('fails an agent that took the turn while the user asked for time', () => {
    const rec = recording(
      [[1900, { type: 'turn.start', turnId: 2, userText: 'hold on a second' }]],
      {
        spansSentAtMs: [
          { startMs: 1000, endMs: 1500 },
          { startMs: 4000, endMs: 5000 },
        ],
      },
    );
    assert.match(judgeWaits(rec).reason, /took the turn 400 ms after "hold on a second"/);
  });

  it('fails push-to-talk that answered before the release', () => {
    const rec = recording([[1500, { type: 'turn.start', turnId: 2, userText: 'pressure' }]], {
      pttUpAtMs: 2000,
    });
    assert.match(judgeReplyAfterRelease(rec).reason, /before the release/);
  });
});

describe('the judge of a pause mid-sentence', () => {
  /** "I want to check my order." at 1000–2000, a pause, "Number four five seven one." from 2250. */
  const paused = (events: readonly [number, Received['message']][]) =>
    recording(events, {
      triggerTurnId: undefined,
      spansSentAtMs: [
        { startMs: 1000, endMs: 2000 },
        { startMs: 2250, endMs: 3800 },
      ],
    });
  const FIRST = 'i want to check my order';
  const WHOLE = 'i want to check my order nine four five seven one';

  it('passes a reply begun in the pause that was retracted, the whole sentence answered once', () => {
    const verdict = judgeContinued(
      paused([
        [2300, { type: 'turn.start', turnId: 2, userText: FIRST }],
        [3100, { type: 'interrupt', turnId: 2, heardText: 'Which' }],
        [3120, { type: 'turn.end', turnId: 2, interrupted: true, cancelled: true }],
        [5300, { type: 'turn.start', turnId: 3, userText: WHOLE }],
        [6300, { type: 'turn.end', turnId: 3, interrupted: false }],
      ]),
      'order',
    );
    assert.equal(verdict.pass, true, verdict.reason);
    assert.match(verdict.reason, /1 reply begun in the pause retracted/);
  });

  it('fails when the first part was answered on its own and the rest became a second turn', () => {
    const verdict = judgeContinued(
      paused([
        [2300, { type: 'turn.start', turnId: 2, userText: FIRST }],
        [3100, { type: 'interrupt', turnId: 2, heardText: 'Which' }],
        [3200, { type: 'turn.end', turnId: 2, interrupted: true }],
        [5300, { type: 'turn.start', turnId: 3, userText: 'nine four five seven one' }],
        [6300, { type: 'turn.end', turnId: 3, interrupted: false }],
      ]),
      'order',
    );
    assert.equal(verdict.pass, false);
    assert.match(verdict.reason, /2 answered user turns/);
  });

  it('fails when the one answered turn holds only the first part', () => {
    const verdict = judgeContinued(
      paused([
        [2300, { type: 'turn.start', turnId: 2, userText: FIRST }],
        [3000, { type: 'turn.end', turnId: 2, interrupted: false }],
      ]),
      'order',
    );
    assert.match(verdict.reason, /lost the part after the pause/);
  });
});
