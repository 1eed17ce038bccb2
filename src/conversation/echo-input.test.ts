import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AudioChunk } from '../spec/audio.ts';
import { createFakeEchoCanceller } from '../testing/fake-echo.ts';
import { createEchoInput, type EchoInputChunk } from './echo-input.ts';

const CHUNK_MS = 20;
const mic = (value: number): AudioChunk => ({
  samples: new Int16Array(320).fill(value),
  sampleRate: 16_000,
});
const agentFrame: AudioChunk = { samples: new Int16Array(480), sampleRate: 24_000 };

/**
 * An echo stage over a scripted canceller: the agent sends a frame every 20 ms from
 * `agentFromMs` to `agentUntilMs`; chunk i of the microphone has the value i (the fake
 * canceller halves it) and the scripted echo share.
 */
function rig(
  share: (startMs: number) => number,
  agentFromMs = 0,
  agentUntilMs = 10_000,
  assumedUntilMs = 0,
) {
  const echo = createFakeEchoCanceller({ echoShareAt: share });
  // The canceller says its share is only assumed for chunks starting before `assumedUntilMs`.
  let nearMs = 0;
  const input = createEchoInput({
    ...echo.canceller,
    processNearEnd(chunk) {
      const shareAssumed = nearMs < assumedUntilMs;
      nearMs += CHUNK_MS;
      return { ...echo.canceller.processNearEnd(chunk), shareAssumed };
    },
  });
  let atMs = 0;
  let started = false;
  const out: EchoInputChunk[] = [];
  const run = (untilMs: number) => {
    for (; atMs < untilMs; atMs += CHUNK_MS) {
      if (atMs >= agentFromMs && atMs < agentUntilMs) {
        if (!started) input.replyStarted();
        started = true;
        input.farEnd(agentFrame, atMs);
      }
      out.push(input.near(mic(2 * (atMs / CHUNK_MS)), atMs, atMs));
    }
    return out;
  };
  return { input, run, out };
}

/** The chunk numbers in what the STT got (0 for silence). */
const heard = (chunks: readonly AudioChunk[]) => chunks.map((c) => c.samples[0]);

describe('echo stage on the session input', () => {
  it('gives the STT silence of the same length while only the agent echo can be heard', () => {
    const { run } = rig(() => 0.9);
    const chunks = run(200);
    assert.ok(chunks.every((c) => c.stt.length === 1 && c.stt[0]!.samples.every((s) => s === 0)));
    assert.ok(chunks.every((c) => c.stt[0]!.samples.length === 320));
  });

  it('gives the VAD the cleaned audio all the same', () => {
    const { run } = rig(() => 0.9);
    assert.deepEqual(
      run(60).map((c) => c.cleaned.samples[0]),
      [0, 1, 2],
    );
  });

  it('passes the cleaned audio to the STT when the agent has not played for a second', () => {
    const { run } = rig(() => 0, 0, 100);
    const chunks = run(1_200);
    assert.deepEqual(heard(chunks.at(-1)!.stt), [59]);
    assert.deepEqual(heard(chunks[10]!.stt), [0], 'still silence inside the echo tail');
  });

  it('drops an onset that is mostly the agent voice, and its end', () => {
    const { input, run } = rig(() => 0.9);
    run(400);
    assert.deepEqual(input.speechStart(200, 400), { ownVoice: true });
    assert.equal(input.speechEnd(), true);
  });

  it("accepts a person's onset over the agent and hands the STT the audio from just before it", () => {
    const { input, run } = rig((startMs) => (startMs >= 300 ? 0.05 : 0.9));
    run(500);
    const verdict = input.speechStart(300, 500);
    assert.equal(verdict.ownVoice, false);
    // The pre-roll: from 200 ms before the onset (chunk 5) to the last chunk received (24).
    const preroll = Array.from({ length: 20 }, (_, i) => i + 5);
    assert.deepEqual(heard(verdict.ownVoice ? [] : verdict.stt), preroll);
    assert.deepEqual(heard(run(520).at(-1)!.stt), [25], 'then live audio');
  });

  it('holds back again once that person stops', () => {
    const { input, run } = rig((startMs) => (startMs >= 300 && startMs < 600 ? 0.05 : 0.9));
    run(500);
    input.speechStart(300, 500);
    run(700);
    assert.equal(input.speechEnd(), false);
    assert.deepEqual(heard(run(720).at(-1)!.stt), [0]);
  });

  it('reports a person taking over a stretch the VAD opened on echo', () => {
    const { input, run } = rig((startMs) => (startMs >= 2_000 ? 0.02 : 0.9));
    run(1_800);
    assert.deepEqual(input.speechStart(1_700, 1_800), { ownVoice: true });
    const chunks = run(2_400);
    const takeOvers = chunks.filter((c) => c.takeOver !== undefined);
    assert.equal(takeOvers.length, 1);
    const takeOver = takeOvers[0]!;
    // Judged on the last 200 ms: the person is found within that of starting at 2000 ms.
    assert.ok(takeOver.takeOver!.atMs >= 1_800 && takeOver.takeOver!.atMs <= 2_100);
    assert.ok(takeOver.takeOver!.echoShare < 0.15);
    assert.ok(heard(takeOver.stt).length > 1, 'the pre-roll goes to the STT with the take-over');
    assert.equal(input.speechEnd(), false, 'the stretch is the person now');
  });

  it('looks for no take-over in the first half second of a reply', () => {
    const { input, run } = rig((startMs) => (startMs < 100 ? 0.9 : 0.02));
    run(100);
    assert.deepEqual(input.speechStart(0, 100), { ownVoice: true });
    assert.ok(run(480).every((c) => c.takeOver === undefined));
    assert.ok(
      run(700).some((c) => c.takeOver !== undefined),
      'but after it',
    );
  });

  it('judges an onset taken for echo early in a reply again, as an onset, once the reply is settled', () => {
    // The canceller counts all as echo until it knows where this reply plays (0.9), then the
    // person is there (0.3: not a take-over's < 0.15, but not echo either).
    const { input, run } = rig((startMs) => (startMs < 600 ? 0.9 : 0.3));
    // An earlier reply: the canceller has learnt the path it plays over.
    input.replyStarted();
    input.replyEnded();
    run(300);
    assert.deepEqual(input.speechStart(100, 300), { ownVoice: true });
    const chunks = run(1_000);
    const takeOver = chunks.find((c) => c.takeOver !== undefined)?.takeOver;
    assert.ok(takeOver !== undefined, 'the person is heard');
    assert.ok(takeOver.atMs >= 500 && takeOver.atMs <= 700, `at ${takeOver.atMs} ms`);
  });

  it('judges an onset again only early in a reply (later only a take-over counts)', () => {
    const { input, run } = rig((startMs) => (startMs < 2_000 ? 0.9 : 0.3));
    input.replyStarted();
    input.replyEnded();
    run(1_800);
    assert.deepEqual(input.speechStart(1_700, 1_800), { ownVoice: true });
    assert.ok(run(2_600).every((c) => c.takeOver === undefined));
  });

  it('judges no onset again in the first reply (the canceller is still learning the room)', () => {
    const { input, run } = rig((startMs) => (startMs < 600 ? 0.9 : 0.3));
    run(300);
    assert.deepEqual(input.speechStart(100, 300), { ownVoice: true });
    assert.ok(run(1_000).every((c) => c.takeOver === undefined));
  });

  it('judges an onset taken for echo in the first reply again once the share is measured, not only assumed', () => {
    // The canceller assumes all echo until 1 s in (0.9), then measures the person (0.3).
    const { input, run } = rig((startMs) => (startMs < 1_000 ? 0.9 : 0.3), 0, 10_000, 1_000);
    run(500);
    assert.deepEqual(input.speechStart(300, 500), { ownVoice: true });
    const chunks = run(1_400);
    const takeOver = chunks.find((c) => c.takeOver !== undefined)?.takeOver;
    assert.ok(takeOver !== undefined, 'the person is heard');
    assert.ok(takeOver.atMs >= 1_000 && takeOver.atMs <= 1_100, `at ${takeOver.atMs} ms`);
  });

  it('judges such an onset again only for a while after the share is measured', () => {
    const { input, run } = rig((startMs) => (startMs < 2_200 ? 0.9 : 0.3), 0, 10_000, 1_000);
    run(500);
    assert.deepEqual(input.speechStart(300, 500), { ownVoice: true });
    assert.ok(run(2_600).every((c) => c.takeOver === undefined));
  });

  it('judges no first-reply onset again that was judged on a measured share', () => {
    const { input, run } = rig((startMs) => (startMs < 1_000 ? 0.9 : 0.3), 0, 10_000, 200);
    run(500);
    assert.deepEqual(input.speechStart(300, 500), { ownVoice: true });
    assert.ok(run(1_400).every((c) => c.takeOver === undefined));
  });

  it('looks for no take-over once the reply has ended (its echo tail fades on its own)', () => {
    const { input, run } = rig((startMs) => (startMs < 1_000 ? 0.9 : 0));
    run(900);
    assert.deepEqual(input.speechStart(800, 900), { ownVoice: true });
    input.replyEnded();
    assert.ok(run(1_400).every((c) => c.takeOver === undefined));
    assert.equal(input.speechEnd(), true, 'the stretch stays the agent voice to its end');
  });
});
