import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ParleyError } from '../spec/errors.ts';
import type { AnswerCache, CachedAnswer, Retriever } from '../spec/retrieval.ts';
import type { SttModel } from '../spec/stt.ts';
import { scriptedSession } from '../testing/session-harness.ts';

describe('session: the greeting', () => {
  it('reaches a client that subscribes a moment after createSession returns', async () => {
    const t = scriptedSession({
      llm: { text: 'unused' },
      agent: { greeting: 'Hello, how can I help?' },
      subscribe: false,
    });
    await t.clock.advance(40);
    t.record();
    assert.equal(t.first('agent.text')?.text, 'Hello, how can I help?');
    await t.clock.advanceUntil(() => t.first('turn.end') !== undefined);
    assert.ok(t.of('agent.audio').length > 0, 'the greeting audio is delivered too');
    assert.deepEqual(
      t.session.history.map((m) => m.role),
      ['system', 'assistant'],
    );
    await t.session.close();
  });
});

describe('session: a failing stage', () => {
  const brokenRetriever: Retriever = {
    retrieve: () => Promise.reject(new TypeError('index not loaded')),
  };

  it('turns a retriever TypeError into one typed error with its cause', async () => {
    const t = scriptedSession({ llm: { text: 'unused' }, retriever: brokenRetriever });
    t.session.sendText('what are your opening hours');
    await t.clock.advanceUntil(() => t.first('turn.end') !== undefined);
    const errors = t.of('error');
    assert.equal(errors.length, 1);
    const error = errors[0]!.error;
    assert.ok(ParleyError.isInstance(error));
    assert.equal(error.code, 'provider');
    assert.match(error.message, /^retrieval failed: TypeError: index not loaded$/);
    assert.ok(error.cause instanceof TypeError);
    await t.session.close();
  });

  it('lets the user hear an apology and leaves no unanswered user turn in history', async () => {
    const t = scriptedSession({ llm: { text: 'unused' }, retriever: brokenRetriever });
    t.session.sendText('what are your opening hours');
    await t.clock.advanceUntil(() => t.first('turn.end') !== undefined);
    assert.match(t.tts.texts[0]!.text, /^Sorry, I ran into a problem/);
    assert.ok(t.of('agent.audio').length > 0);
    assert.equal(t.llm.calls.length, 0);
    assert.deepEqual(
      t.session.history.slice(1).map((m) => [m.role, m.content]),
      [
        ['user', 'what are your opening hours'],
        ['assistant', 'Sorry, I ran into a problem. Could you say that again?'],
      ],
    );
    await t.session.close();
  });
});

describe('session: bookkeeping off the critical path', () => {
  it('does not hold the next turn back while a slow cache write runs', async () => {
    const stored: string[] = [];
    const slow: { clock?: { sleep(ms: number, signal?: AbortSignal): Promise<void> } } = {};
    const cache: AnswerCache = {
      lookup: () => Promise.resolve(undefined as CachedAnswer | undefined),
      store: async (entry, signal) => {
        await slow.clock!.sleep(10_000, signal);
        stored.push(entry.question);
      },
    };
    const t = scriptedSession({ llm: [{ text: 'We open at nine.' }, { text: 'Yes.' }], cache });
    slow.clock = t.clock;
    t.session.sendText('when do you open');
    await t.clock.advanceUntil(() => t.first('turn.end') !== undefined);
    const firstEndMs = t.first('turn.end')!.atMs;
    t.session.sendText('every day?');
    await t.clock.advanceUntil(() => t.of('agent.audio.start').length === 2);
    const secondAudioMs = t.of('agent.audio.start')[1]!.atMs;
    assert.ok(
      secondAudioMs - firstEndMs < 100,
      `second reply audio after ${secondAudioMs - firstEndMs} ms`,
    );
    assert.deepEqual(stored, [], 'the store is still running');
    await t.clock.advance(11_000);
    assert.deepEqual(stored, ['when do you open', 'every day?']);
    await t.session.close();
  });
});

describe('session: push-to-talk', () => {
  it('measures the turn from the release and never reports a negative figure', async () => {
    const t = scriptedSession({
      user: [{ startMs: 100, endMs: 1000, transcript: 'Where is my order?' }],
      llm: { text: 'It shipped.' },
      agent: { inputMode: 'push-to-talk' },
    });
    t.session.pttDown();
    await t.clock.advanceTo(1200);
    t.session.pttUp();
    await t.clock.advanceUntil(() => t.first('metrics.turn') !== undefined);
    const metrics = t.first('metrics.turn')!.metrics;
    assert.equal(metrics.endpointingMs, 0, 'the final was in before the release');
    assert.equal(metrics.sttFinalMs, 0);
    assert.equal(metrics.firstAudioMs, t.first('agent.audio')!.atMs - 1200);
    for (const [name, value] of Object.entries(metrics)) {
      if (typeof value === 'number') assert.ok(value >= 0, `${name} = ${value}`);
    }
    await t.session.close();
  });
});

describe('session: an STT without interim results', () => {
  const noInterims = (stt: SttModel): SttModel => ({
    ...stt,
    capabilities: { ...stt.capabilities, interimResults: false },
  });

  it('interrupts a 2.5 s barge-in on sustained speech and never resumes over the user', async () => {
    const t = scriptedSession({
      user: [
        { startMs: 0, endMs: 1000, transcript: 'Count to twelve.' },
        { startMs: 2000, endMs: 4500, transcript: 'No, I need to change the delivery address.' },
      ],
      llm: [
        { text: 'One two three four five six. Seven eight nine ten eleven twelve.' },
        { text: 'Sure.' },
      ],
      sttAs: noInterims,
    });
    await t.clock.advanceUntil(() => t.of('turn.end').length === 2);
    assert.equal(t.of('agent.resumed').length, 0);
    assert.equal(t.of('interrupt').length, 1);
    assert.equal(t.first('interrupt')!.atMs, 2600);
    assert.equal(t.first('metrics.turn')!.metrics.interruptMs, 120);
    await t.session.close();
  });
});

describe('session: what the user heard', () => {
  it('never counts a sentence whose audio had not arrived when the user interrupted', async () => {
    const t = scriptedSession({
      user: [
        { startMs: 0, endMs: 1000, transcript: 'Where is my order?' },
        {
          startMs: 2800,
          endMs: 3200,
          transcript: 'Wait.',
          interims: [{ atMs: 100, text: 'wait' }],
        },
      ],
      llm: [
        { text: 'Sorry for the wait. Order 4 expected Thursday. Does that help?' },
        { text: 'Yes?' },
      ],
      // No word timings, and each sentence takes a second to synthesise.
      tts: { wordTimings: false, firstAudioDelayMs: 1000 },
    });
    await t.clock.advanceUntil(() => t.of('turn.end').length === 2);
    assert.equal(t.first('interrupt')!.heardText, 'Sorry for');
    assert.deepEqual(t.session.history[2], {
      role: 'assistant',
      content: 'Sorry for',
      interrupted: true,
    });
    await t.session.close();
  });
});
