import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTechnicianAgent } from '../../src/agents/index.ts';
import { type AgentDefinition, createSession } from '../../src/index.ts';
import { preloadSileroVad } from '../../src/providers/local/vad/index.ts';
import { createEspeakTts } from '../../src/providers/local/tts/espeak.ts';
import { modelsFromEnv } from '../../src/server/models-from-env.ts';
import { createServer } from '../../src/server/server.ts';
import { DESK_AGENT } from './agent.ts';

export interface ScenarioServer {
  /** `ws://127.0.0.1:<port>/ws` */
  readonly wsUrl: string;
  /** Problems the server reported (a session failing to close …), for the test to show. */
  readonly problems: readonly string[];
  close(): Promise<void>;
}

/**
 * The real Parley server on a free loopback port, as `npm start` builds it but with the
 * offline models only (Silero VAD, pocketsphinx, the scripted dialogue engine, the
 * local TTS): the scenario desk and the technician copilot (push-to-talk).
 */
export async function startScenarioServer(): Promise<ScenarioServer> {
  await preloadSileroVad();
  const dataDir = await mkdtemp(join(tmpdir(), 'parley-scenarios-'));
  const technician = createTechnicianAgent({ dataDir });
  const problems: string[] = [];
  const server = createServer({
    port: 0,
    agents: [withPreemptiveFromEnv(DESK_AGENT), technician.agent],
    makeModels: withTtsFromEnv(modelsFromEnv({})),
    createSession,
    staticDir: dataDir,
    onProblem: (message, error) => problems.push(`${message}: ${String(error)}`),
  });
  const baseUrl = await server.listen();
  return {
    wsUrl: `${baseUrl.replace(/^http/, 'ws')}/ws`,
    problems,
    async close() {
      await server.close();
      await technician.incidents.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * `PARLEY_PREEMPTIVE_REPLY=0|1` turns the desk's preemptive replies off or on, for a bench's
 * before/after back to back (unset: the default, on with the offline dialogue engine).
 */
function withPreemptiveFromEnv(agent: AgentDefinition): AgentDefinition {
  const value = process.env['PARLEY_PREEMPTIVE_REPLY'];
  if (value !== '0' && value !== '1') return agent;
  return { ...agent, endOfTurn: { ...agent.endOfTurn, preemptiveReply: value === '1' } };
}

/**
 * `PARLEY_SCENARIO_TTS=espeak-ng` speaks the agents' replies with espeak-ng (en-us) instead of
 * the best installed voice (RHVoice clb here), to see the answer time with a TTS whose first
 * audio takes milliseconds rather than RHVoice's 130–200.
 */
function withTtsFromEnv(make: ReturnType<typeof modelsFromEnv>): ReturnType<typeof modelsFromEnv> {
  if (process.env['PARLEY_SCENARIO_TTS'] !== 'espeak-ng') return make;
  return (agent, hooks) => ({ ...make(agent, hooks), tts: createEspeakTts({ voice: 'en-us' }) });
}
