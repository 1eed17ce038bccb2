import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { SessionEvent } from '../../src/spec/events.ts';
import { instrumentSession } from '../../src/telemetry/instrument.ts';
import { createRecorder } from '../../src/telemetry/recording/recorder.ts';
import { decodeStereoWav } from '../../src/telemetry/recording/stereo-wav.ts';
import { RecordingIdError, RecordingStore } from '../../src/telemetry/recording/store.ts';
import { scriptedSession, TEST_AGENT } from '../../src/testing/session-harness.ts';

const RATE = 16_000;
const FRAME_MS = 20;
const speaking = (ms: number) => (ms >= 0 && ms < 1000) || (ms >= 3000 && ms < 4200);

/** 20 ms of caller audio: a 440 Hz tone while the script says the caller speaks, else silence. */
function callerFrame(atMs: number): Int16Array {
  const samples = new Int16Array((RATE * FRAME_MS) / 1000);
  if (!speaking(atMs)) return samples;
  for (let i = 0; i < samples.length; i += 1) {
    samples[i] = Math.round(8000 * Math.sin(2 * Math.PI * 440 * (atMs / 1000 + i / RATE)));
  }
  return samples;
}

const lastNonZero = (samples: Int16Array) => {
  for (let i = samples.length - 1; i >= 0; i -= 1) if (samples[i] !== 0) return i;
  return -1;
};
const firstNonZero = (samples: Int16Array, from = 0) => {
  for (let i = from; i < samples.length; i += 1) if (samples[i] !== 0) return i;
  return -1;
};
const toMs = (index: number) => (index * 1000) / RATE;

describe('recordings', () => {
  it('records a barge-in as stereo: the agent channel stops where the interrupt cut it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'parley-rec-'));
    try {
      const store = new RecordingStore(dir);
      const agent = { ...TEST_AGENT, recording: { enabled: true, retentionDays: 7 } };
      const t = scriptedSession({
        user: [
          { startMs: 0, endMs: 1000, transcript: 'Tell me a long story.' },
          { startMs: 3000, endMs: 4200, transcript: 'Stop, stop please, that is enough now.' },
        ],
        llm: { firstTokenDelayMs: 100, tokenIntervalMs: 20, text: 'Once upon a time '.repeat(30) },
        agent,
        session: { greet: false },
        subscribe: false,
      });
      const recorder = createRecorder({
        sessionId: t.session.id,
        agent,
        clock: t.clock,
        store,
        epochOffsetMs: 0,
      });
      assert.ok(recorder);
      const session = instrumentSession(t.session, [recorder]);
      const events: (SessionEvent & { atMs: number })[] = [];
      session.subscribe((event) => events.push({ ...event, atMs: t.clock.now() }));
      for (let ms = 0; ms < 6000; ms += FRAME_MS) {
        session.pushAudio({ samples: callerFrame(ms), sampleRate: RATE });
        await t.clock.advance(FRAME_MS);
      }
      const interrupt = events.find((e) => e.type === 'interrupt');
      assert.ok(interrupt, 'the caller barged in');
      const paused = events.find((e) => e.type === 'agent.paused');
      const cutMs = (paused ?? interrupt).atMs;
      const starts = events.filter((e) => e.type === 'agent.audio.start');
      const audioStart = starts[0]!;
      // The reply to the barge-in starts later; the first turn's audio is what lies before it.
      const nextStartMs = starts[1]?.atMs ?? Number.POSITIVE_INFINITY;
      const sentInFirstTurn = events.filter(
        (e) => e.type === 'agent.audio' && e.turnId === audioStart.turnId,
      ).length;
      await session.close();

      const wav = await store.read(t.session.id, 0);
      assert.ok(wav, 'a recording was saved');
      const { sampleRate, left, right } = decodeStereoWav(wav);
      assert.equal(sampleRate, RATE);
      // The agent channel: from the first played frame to the cut, nothing after.
      assert.ok(Math.abs(toMs(firstNonZero(right)) - audioStart.atMs) <= FRAME_MS);
      assert.ok(nextStartMs > cutMs + 100, 'the next reply starts well after the cut');
      const firstTurn = right.subarray(0, Math.min(right.length, (nextStartMs * RATE) / 1000));
      const agentEndMs = toMs(lastNonZero(firstTurn) + 1);
      assert.ok(
        Math.abs(agentEndMs - cutMs) <= FRAME_MS,
        `agent audio ends at ${agentEndMs} ms, the interrupt cut it at ${cutMs} ms`,
      );
      const sentMs = sentInFirstTurn * FRAME_MS;
      assert.ok(
        audioStart.atMs + sentMs > cutMs + FRAME_MS,
        `audio sent beyond the cut (${sentMs} ms from ${audioStart.atMs}) is not in the recording`,
      );
      // The caller channel: both utterances where they were said.
      assert.ok(Math.abs(toMs(firstNonZero(left))) <= FRAME_MS);
      assert.ok(Math.abs(toMs(firstNonZero(left, (RATE * 1500) / 1000)) - 3000) <= FRAME_MS);
      assert.ok(Math.abs(toMs(lastNonZero(left) + 1) - 4200) <= FRAME_MS);

      const meta = await store.meta(t.session.id);
      assert.equal(meta?.agentId, 'test');
      assert.equal(meta?.expiresAtEpochMs, meta.startedAtEpochMs + 7 * 86_400_000);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('records nothing for an agent without the recording setting', () => {
    const t = scriptedSession({ llm: { text: 'hi' }, subscribe: false });
    const store = new RecordingStore('/nonexistent');
    assert.equal(
      createRecorder({ sessionId: 'x', agent: TEST_AGENT, clock: t.clock, store }),
      undefined,
    );
    const off = { ...TEST_AGENT, recording: { enabled: false } };
    assert.equal(createRecorder({ sessionId: 'x', agent: off, clock: t.clock, store }), undefined);
    return t.session.close();
  });

  it('deletes on request, prunes past retention, and refuses ids that are paths', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'parley-rec-'));
    try {
      const store = new RecordingStore(dir);
      const meta = (id: string, expiresAtEpochMs: number) => ({
        id,
        agentId: 'test',
        startedAtEpochMs: 0,
        durationMs: 1,
        sampleRate: RATE,
        expiresAtEpochMs,
      });
      await store.save(meta('old', 1000), new Uint8Array(44));
      await store.save(meta('new', 5000), new Uint8Array(44));
      await store.save(meta('gone', 5000), new Uint8Array(44));
      assert.equal(await store.delete('gone'), true);
      assert.equal(await store.delete('gone'), false);
      assert.equal(await store.read('old', 2000), undefined, 'an expired recording is not served');
      assert.deepEqual(await store.prune(2000), ['old']);
      assert.deepEqual(
        (await store.list()).map((m) => m.id),
        ['new'],
      );
      await assert.rejects(store.read('../etc/passwd'), RecordingIdError);
      await assert.rejects(store.delete('a/b'), RecordingIdError);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
