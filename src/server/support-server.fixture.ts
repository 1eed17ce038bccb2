import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSupportAgent } from '../agents/support/index.ts';
import { createDialogueEngine } from '../providers/local/dialogue/index.ts';
import { createSession } from '../conversation/index.ts';
import type { AgentDefinition } from '../spec/agent.ts';
import { systemClock } from '../stream/system-clock.ts';
import { createFakeStt } from '../testing/fake-stt.ts';
import { createFakeTts } from '../testing/fake-tts.ts';
import { createFakeVad } from '../testing/fake-vad.ts';
import { createServer, type ParleyServer, type ServerOptions } from './server.ts';

export interface SupportServer {
  readonly server: ParleyServer;
  readonly baseUrl: string;
  readonly agent: AgentDefinition;
  /** Lines logged by the tools and the server. */
  readonly problems: string[];
  stop(): Promise<void>;
}

/**
 * A real server and real sessions for the support agent, with its real tools and store
 * and the offline dialogue engine; only the speech engines are fakes (typed turns only),
 * so tests exercise the server, transport, session and tools, not the recogniser.
 */
export async function startSupportServer(
  extra: Partial<ServerOptions> = {},
  fixture: {
    readonly dataDir?: string;
    /** Changes the support agent before the server serves it (a costlier tool …). */
    readonly adaptAgent?: (agent: AgentDefinition) => AgentDefinition;
  } = {},
): Promise<SupportServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'parley-abuse-'));
  const problems: string[] = [];
  const support = createSupportAgent({
    dataDir: fixture.dataDir ?? dataDir,
    diagnosticStepMs: 0,
    log: (line) => problems.push(line),
  });
  const quiet = { ...support.agent, filler: { thresholdMs: 60_000, phrases: [] } };
  const agent = fixture.adaptAgent?.(quiet) ?? quiet;
  const server = createServer({
    port: 0,
    agents: [agent],
    makeModels: (forAgent) => ({
      vad: createFakeVad({ clock: systemClock, script: [] }),
      stt: createFakeStt({ clock: systemClock, script: [] }),
      llm: createDialogueEngine({
        script: forAgent.dialogue ?? { intents: [], fallbackReply: '' },
        language: forAgent.language,
        tokenDelayMs: 0,
      }),
      tts: createFakeTts({ clock: systemClock, msPerWord: 20, amplitude: 1000 }),
    }),
    createSession,
    sessionOptions: { greet: false, outputLeadMs: 600_000 },
    staticDir: dataDir,
    onProblem: (message, error) => problems.push(`${message}: ${String(error)}`),
    onNotice: (line) => problems.push(line),
    ...extra,
  });
  const baseUrl = await server.listen();
  return {
    server,
    baseUrl,
    agent,
    problems,
    async stop() {
      await server.close();
      await support.store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
