import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { WireErrorCode } from '../transport/messages.ts';
import { startSupportServer, type SupportServer } from './support-server.fixture.ts';
import { TestClient } from './ws-test-client.fixture.ts';

/** One frame the fuzzer sends and the error code the protocol documents for it (none = accepted). */
interface Frame {
  readonly data: string | Buffer;
  readonly expected: WireErrorCode | undefined;
}

const KNOWN_TYPES = ['session.start', 'text.input', 'playback.position', 'ptt.down', 'ptt.up'];

const notJson = fc.string({ maxLength: 200 }).filter((text) => {
  try {
    JSON.parse(text);
    return false;
  } catch {
    return true;
  }
});
const frames: fc.Arbitrary<Frame> = fc.oneof(
  notJson.map((text) => ({ data: text, expected: 'bad-json' as const })),
  fc
    .jsonValue({ maxDepth: 3 })
    .filter((v) => typeof v !== 'object' || v === null || Array.isArray(v) || !('type' in v))
    .map((v) => ({ data: JSON.stringify(v), expected: 'bad-message' as const })),
  fc
    .string({ maxLength: 40 })
    .filter((type) => !KNOWN_TYPES.includes(type))
    .map((type) => ({ data: JSON.stringify({ type }), expected: 'unknown-type' as const })),
  fc
    .oneof(
      fc.constant(''),
      fc.constant('   '),
      fc.integer(),
      fc.string({ minLength: 2_001, maxLength: 2_100 }),
    )
    .map((text) => ({
      data: JSON.stringify({ type: 'text.input', text }),
      expected: 'bad-message' as const,
    })),
  fc
    .record({
      turnId: fc.oneof(fc.double(), fc.string(), fc.integer({ max: -1 })),
      playedMs: fc.double(),
    })
    .filter((m) => !(Number.isSafeInteger(m.turnId) && (m.turnId as number) >= 0))
    .map((m) => ({
      data: JSON.stringify({ type: 'playback.position', ...m }),
      expected: 'bad-message' as const,
    })),
  fc
    .string({ minLength: 1, maxLength: 20 })
    .filter((key) => !['type', 'turnId', 'playedMs', '__proto__'].includes(key))
    .map((key) => ({
      data: JSON.stringify({ type: 'playback.position', turnId: 1, playedMs: 5, [key]: 1 }),
      expected: 'bad-message' as const,
    })),
  fc
    .integer({ min: 0, max: 1_600 })
    .map((half) => ({ data: Buffer.alloc(half * 2 + 1), expected: 'bad-audio' as const })),
  fc.constant({ data: JSON.stringify({ type: 'ptt.up' }), expected: 'not-supported' as const }),
  fc.constant({
    data: JSON.stringify({ type: 'session.start', agent: 'support', sampleRate: 16_000 }),
    expected: 'already-started' as const,
  }),
  fc.nat({ max: 5_000 }).map((ms) => ({
    data: JSON.stringify({ type: 'playback.position', turnId: 1, playedMs: ms }),
    expected: undefined,
  })),
  fc.constant({ data: Buffer.alloc(640), expected: undefined }),
);

async function started(baseUrl: string): Promise<TestClient> {
  const client = await TestClient.open(baseUrl);
  client.sendJson({ type: 'session.start', agent: 'support', sampleRate: 16_000 });
  await client.waitFor('session.ready');
  return client;
}

describe('protocol fuzz (fast-check, bounded to ~15 s)', () => {
  let running: SupportServer;
  before(async () => {
    running = await startSupportServer({
      limits: { costBurst: 10_000_000, costPerSecond: 10_000_000 },
    });
  });
  after(() => running.stop());

  it('answers every bad frame with its documented error while a healthy session keeps answering', async () => {
    const healthy = await started(running.baseUrl);
    const firstAudio: number[] = [];
    let fuzzing = true;
    const turnOnce = async () => {
      const frames = healthy.binaryFrames.length;
      const turns = healthy.messages.filter((m) => m.type === 'turn.end').length;
      const sentAt = performance.now();
      healthy.sendJson({ type: 'text.input', text: 'Where is my order?' });
      await healthy.waitFor(
        'turn.end',
        () => healthy.messages.filter((m) => m.type === 'turn.end').length > turns,
        10_000,
      );
      if (healthy.binaryFrames.length > frames) firstAudio.push(performance.now() - sentAt);
    };
    await turnOnce();
    const quietMs = firstAudio.pop() ?? 0;
    const probe = (async () => {
      while (fuzzing) await turnOnce();
    })();
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(frames, { minLength: 1, maxLength: 25 }), async (sequence) => {
        runs += 1;
        const client = await started(running.baseUrl);
        try {
          for (const frame of sequence)
            client.socket.send(frame.data, { binary: typeof frame.data !== 'string' });
          client.sendJson({ type: 'fuzz.sentinel' });
          await client.waitFor('error', (e) => e.about === 'fuzz.sentinel');
          const codes = client.messages
            .filter((m) => m.type === 'error')
            .map((m) => (m.type === 'error' ? m.code : ''));
          const expected = sequence.flatMap((frame) => (frame.expected ? [frame.expected] : []));
          assert.deepEqual(codes, [...expected, 'unknown-type']);
        } finally {
          await client.close();
        }
      }),
      { numRuns: 150, interruptAfterTimeLimit: 15_000, markInterruptAsFailure: false },
    );
    fuzzing = false;
    await probe;
    await healthy.close();
    assert.ok(runs >= 10, `only ${runs} runs`);
    assert.ok(firstAudio.length > 0);
    // Under 1 s beside the fuzzer, over what a quiet turn takes on this (shared) machine.
    assert.ok(
      Math.max(...firstAudio) - quietMs < 1_000,
      `first audio ${quietMs.toFixed(0)} ms quiet; ${firstAudio.map((ms) => ms.toFixed(0)).join(', ')} ms beside the fuzzer`,
    );
    assert.deepEqual(
      running.problems.filter((line) => !line.startsWith('wrong')),
      [],
    );
    console.log(
      `${runs} fuzz runs; healthy first audio ${quietMs.toFixed(0)} ms quiet, max ${Math.max(...firstAudio).toFixed(0)} ms over ${firstAudio.length} turns`,
    );
  });
});
