import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSession } from '../../src/conversation/create-session.ts';
import { createServer } from '../../src/server/server.ts';
import { TestClient } from '../../src/server/ws-test-client.fixture.ts';
import { systemClock } from '../../src/stream/system-clock.ts';
import type { Telemetry } from '../../src/telemetry/telemetry.ts';
import { createFakeLlm, type FakeLlmResponses } from '../../src/testing/fake-llm.ts';
import { createFakeStt } from '../../src/testing/fake-stt.ts';
import { createFakeTts } from '../../src/testing/fake-tts.ts';
import { createFakeVad } from '../../src/testing/fake-vad.ts';
import { TEST_AGENT } from '../../src/testing/session-harness.ts';
import type { AgentDefinition } from '../../src/spec/agent.ts';

export const TOKEN = 'telemetry-test-token-0123456789';

/**
 * A real Parley server (real sessions, WebSocket transport) on scripted models that run on
 * the system clock, with the given telemetry. Typed turns only.
 */
export async function startParley(
  telemetry: Telemetry,
  agent: Partial<AgentDefinition> = {},
  options: { readonly staticDir?: string; readonly llm?: FakeLlmResponses } = {},
) {
  const ownDir = options.staticDir === undefined;
  const staticDir = options.staticDir ?? (await mkdtemp(join(tmpdir(), 'parley-telemetry-')));
  if (ownDir) await writeFile(join(staticDir, 'index.html'), '<h1>parley</h1>');
  const server = createServer({
    port: 0,
    agents: [{ ...TEST_AGENT, ...agent }],
    makeModels: () => ({
      vad: createFakeVad({ clock: systemClock, script: [] }),
      stt: createFakeStt({ clock: systemClock, script: [] }),
      llm: createFakeLlm({
        clock: systemClock,
        responses: options.llm ?? {
          firstTokenDelayMs: 30,
          tokenIntervalMs: 5,
          text: 'Hello there, friend.',
        },
      }),
      tts: createFakeTts({ clock: systemClock, firstAudioDelayMs: 20, msPerWord: 60 }),
    }),
    createSession,
    sessionOptions: { greet: false },
    telemetry,
    token: TOKEN,
    staticDir,
    onProblem: () => undefined,
    onNotice: () => undefined,
  });
  const baseUrl = await server.listen();
  return {
    baseUrl,
    server,
    /** Opens a conversation, says each text in turn (waiting for each reply), and hangs up. */
    async converse(texts: readonly string[]): Promise<void> {
      const client = await TestClient.open(baseUrl);
      try {
        client.sendJson({
          type: 'session.start',
          agent: TEST_AGENT.id,
          sampleRate: 16_000,
          token: TOKEN,
        });
        await client.waitFor('session.ready', () => true, 20_000);
        const answered = new Set<number>();
        for (const text of texts) {
          client.sendJson({ type: 'text.input', text });
          const started = await client.waitFor(
            'agent.audio.start',
            (m) => !answered.has(m.turnId),
            20_000,
          );
          answered.add(started.turnId);
          client.sendJson({ type: 'playback.position', turnId: started.turnId, playedMs: 20 });
          await client.waitFor('turn.end', (m) => m.turnId === started.turnId, 20_000);
        }
      } finally {
        await client.close();
      }
    },
    async close() {
      await server.close();
      if (ownDir) await rm(staticDir, { recursive: true, force: true });
    },
  };
}
