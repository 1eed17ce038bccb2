import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CallerIdentity } from '../spec/identity.ts';
import type { AnyToolDefinition } from '../spec/tool.ts';
import { createFakeEchoCanceller } from '../testing/fake-echo.ts';
import { scriptedSession } from '../testing/session-harness.ts';

const COUNT = 'One two three four five six. Seven eight nine ten eleven twelve.';

/** The agent talks from 1300 to 4900; its own voice comes back into the mic at 2000–2400. */
async function echoScenario(echoShare: number) {
  const echo = createFakeEchoCanceller({
    echoShareAt: (startMs) => (startMs >= 2000 && startMs < 2400 ? echoShare : 0),
  });
  const t = scriptedSession({
    user: [
      { startMs: 0, endMs: 1000, transcript: 'Count to twelve.' },
      { startMs: 2000, endMs: 2400, transcript: 'oh' },
    ],
    llm: [{ text: COUNT }, { text: 'unused' }],
    // A real VAD reports an onset after hearing some of it.
    latencies: { vadStartDelayMs: 100 },
    session: { echoCanceller: echo.canceller },
  });
  // Microphone audio in real time, 20 ms a chunk.
  for (let atMs = 0; atMs < 6000; atMs += 20) {
    t.session.pushAudio({ samples: new Int16Array(320).fill(1000), sampleRate: 16_000 });
    await t.clock.advance(20);
  }
  return { t, echo };
}

describe('session: the echo seam', () => {
  it('does not pause when the onset is mostly the agent\'s own echo, and "oh" is no turn', async () => {
    const { t } = await echoScenario(0.9);
    assert.equal(t.of('agent.paused').length, 0);
    assert.equal(t.of('interrupt').length, 0);
    assert.equal(t.first('user.backchannel')?.text, 'oh');
    assert.equal(t.llm.calls.length, 1);
    await t.session.close();
  });

  it('pauses as usual when the canceller says the onset is the user', async () => {
    const { t } = await echoScenario(0.1);
    assert.equal(t.of('agent.paused').length, 1);
    await t.session.close();
  });

  it('feeds the canceller: sent frames as far end, cleaned audio to the STT, resets, close', async () => {
    const { t, echo } = await echoScenario(0.9);
    const sentSamples = t.of('agent.audio').reduce((n, e) => n + e.chunk.samples.length, 0);
    const farSamples = echo.farEnd.reduce((n, c) => n + c.samples.length, 0);
    assert.equal(farSamples, sentSamples, 'every frame sent is the far-end reference');
    const audioIn = t.stt.inputs.find((i) => i.type === 'audio');
    assert.equal(
      audioIn?.type === 'audio' && audioIn.chunk.samples[0],
      500,
      'STT got cleaned audio',
    );
    t.session.setPlaybackPosition(t.first('agent.audio.start')!.turnId, 100);
    assert.ok(echo.calls.includes('reset'), 'the far end is reset when the reply ends');
    await t.session.close();
    assert.equal(echo.closed, true);
  });
});

describe('session: caller identity', () => {
  it('reaches the tools through the conversation', async () => {
    const seen: CallerIdentity[] = [];
    const whoAmI: AnyToolDefinition = {
      name: 'who_am_i',
      description: 'Says who the caller is',
      parameters: { type: 'object', properties: {} },
      execute: (_args, context) => {
        seen.push(context.caller);
        return Promise.resolve({ subject: context.caller.subject });
      },
    };
    const caller: CallerIdentity = { verifiedBy: 'signed-claims', subject: 'user-7', claims: {} };
    const t = scriptedSession({
      agent: { tools: [whoAmI] },
      llm: [{ toolCalls: [{ name: 'who_am_i', arguments: {} }] }, { text: 'You are user 7.' }],
      session: { caller },
    });
    t.session.sendText('who am I');
    await t.clock.advanceUntil(() => t.first('turn.end') !== undefined);
    assert.deepEqual(seen, [caller]);
    await t.session.close();
  });
});
