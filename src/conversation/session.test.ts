import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scriptedSession } from '../testing/session-harness.ts';

const REPLY = 'Your order shipped yesterday. It will arrive on Friday. Is there anything else?';

describe('session: streaming reply', () => {
  it('starts TTS and sends audio before the LLM has finished its reply', async () => {
    const t = scriptedSession({
      user: [{ startMs: 0, endMs: 1000, transcript: 'Where is my order?' }],
      llm: { firstTokenDelayMs: 200, tokenIntervalMs: 100, text: REPLY },
    });
    await t.clock.advanceUntil(() => t.first('turn.end') !== undefined);
    const llmFinishedAtMs = 1300 + 200 + 13 * 100; // turn end + first token + 13 more tokens
    assert.ok(t.tts.texts.length >= 2, 'the reply reached the TTS in more than one chunk');
    assert.ok(t.tts.texts[0]!.atMs < llmFinishedAtMs);
    assert.ok(t.first('agent.audio')!.atMs < llmFinishedAtMs);
    await t.session.close();
  });

  it('sends audio in small paced frames rather than all at once', async () => {
    const t = scriptedSession({
      llm: { text: 'One two three four five.' },
      tts: { msPerWord: 200 },
    });
    t.session.sendText('count please');
    await t.clock.advanceUntil(() => t.first('turn.end') !== undefined);
    const frames = t.of('agent.audio');
    assert.equal(frames.length, (5 * 200) / 20);
    const spanMs = frames[frames.length - 1]!.atMs - frames[0]!.atMs;
    assert.ok(spanMs >= 1000 - 20 - 60, `frames spread over ${spanMs} ms of real time`);
    await t.session.close();
  });

  it('answers a typed message like a spoken one and records both in history', async () => {
    const t = scriptedSession({ llm: { text: 'Hello there.' } });
    t.session.sendText('hi');
    await t.clock.advanceUntil(() => t.first('turn.end') !== undefined);
    assert.deepEqual(
      t.session.history.slice(1).map((m) => [m.role, m.content]),
      [
        ['user', 'hi'],
        ['assistant', 'Hello there.'],
      ],
    );
    await t.session.close();
  });
});

describe('session: metrics', () => {
  it('reports latencies equal to the scripted ones', async () => {
    const t = scriptedSession({
      user: [{ startMs: 0, endMs: 1000, transcript: 'Where is my order?' }],
      latencies: { sttFinalDelayMs: 100 },
      llm: { firstTokenDelayMs: 200, tokenIntervalMs: 50, text: REPLY },
      tts: { firstAudioDelayMs: 50 },
    });
    await t.clock.advanceUntil(() => t.first('metrics.turn') !== undefined);
    const metrics = t.first('metrics.turn')!.metrics;
    assert.equal(metrics.sttFinalMs, 100);
    assert.equal(metrics.endpointingMs, 300, 'a complete question ends after 300 ms of silence');
    assert.equal(metrics.llmFirstTokenMs, 200);
    assert.equal(metrics.ttsFirstAudioMs, 50);
    assert.equal(metrics.firstAudioMs, t.first('agent.audio')!.atMs - 1000);
    assert.equal(metrics.interrupted, false);
    await t.session.close();
  });
});

describe('session: end of turn', () => {
  it('waits longer when the user trails off with "and" than after a full stop', async () => {
    const complete = scriptedSession({
      user: [{ startMs: 0, endMs: 1000, transcript: 'I want a coffee.' }],
      llm: { text: 'Sure.' },
    });
    const trailing = scriptedSession({
      user: [{ startMs: 0, endMs: 1000, transcript: 'I want a coffee and' }],
      llm: { text: 'Sure.' },
    });
    await complete.clock.advanceUntil(() => complete.first('turn.start') !== undefined);
    await trailing.clock.advanceUntil(() => trailing.first('turn.start') !== undefined);
    assert.equal(complete.first('turn.start')!.atMs, 1300);
    assert.equal(trailing.first('turn.start')!.atMs, 2500);
    await complete.session.close();
    await trailing.session.close();
  });

  it("ends the turn sooner when an unpunctuated transcript is one of the agent's expected phrases", async () => {
    const user = [{ startMs: 0, endMs: 1000, transcript: 'check my order' }];
    const known = scriptedSession({
      user,
      llm: { text: 'Let me check.' },
      agent: { vocabulary: { phrases: ['check my order', 'my order number is {digits}'] } },
    });
    const unknown = scriptedSession({ user, llm: { text: 'Let me check.' } });
    await known.clock.advanceUntil(() => known.first('turn.start') !== undefined);
    await unknown.clock.advanceUntil(() => unknown.first('turn.start') !== undefined);
    assert.equal(known.first('turn.start')!.atMs, 1300);
    assert.equal(unknown.first('turn.start')!.atMs, 1700);
    await known.session.close();
    await unknown.session.close();
  });

  it('joins two utterances into one turn when the user goes on before the agent speaks', async () => {
    const t = scriptedSession({
      user: [
        { startMs: 0, endMs: 1000, transcript: 'My order number is four five' },
        { startMs: 1400, endMs: 2000, transcript: 'seven one.' },
      ],
      llm: { text: 'Thanks.' },
    });
    await t.clock.advanceUntil(() => t.first('turn.end') !== undefined);
    assert.equal(t.llm.calls.length, 1);
    assert.equal(t.first('turn.start')!.userText, 'My order number is four five seven one.');
    await t.session.close();
  });
});
