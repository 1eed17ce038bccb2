import { startAnthropicTestServer } from '../providers/anthropic/test-server.ts';
import { startAssemblyAiTestServer } from '../providers/assemblyai/test-server.ts';
import { startCartesiaTestServer } from '../providers/cartesia/test-server.ts';
import { startAuraWsTestServer } from '../providers/deepgram/aura-ws-test-server.ts';
import { startFluxTestServer } from '../providers/deepgram/flux-test-server.ts';
import { startDeepgramTestServer } from '../providers/deepgram/stt-test-server.ts';
import { startElevenLabsMultiTestServer } from '../providers/elevenlabs/multi-test-server.ts';
import { startCompatibleTestServer } from '../providers/openai/compatible-test-server.ts';
import { COMPATIBLE_PRESET_NAMES, COMPATIBLE_PRESETS } from '../providers/openai/presets.ts';
import { startRealtimeTestServer } from '../providers/openai/realtime-test-server.ts';
import { startOpenAITestServer } from '../providers/openai/test-server.ts';
import type { TestHttpServer } from '../providers/resilience/test-http-server.ts';
import type { TestWsServer } from '../providers/resilience/test-ws-server.ts';
import type { AgentDefinition } from '../spec/agent.ts';
import type { Env } from './models-from-env.ts';

/** Every vendor's strict fake, started on free local ports. */
export interface VendorFakes {
  readonly http: Readonly<Record<string, TestHttpServer>>;
  readonly ws: Readonly<Record<string, TestWsServer>>;
  close(): Promise<void>;
}

export async function startVendorFakes(): Promise<VendorFakes> {
  const http: Record<string, TestHttpServer> = {};
  const ws: Record<string, TestWsServer> = {};
  http['openai'] = await startOpenAITestServer();
  http['anthropic'] = await startAnthropicTestServer();
  for (const name of COMPATIBLE_PRESET_NAMES) {
    http[name] = await startCompatibleTestServer(name, { toolParser: true });
  }
  ws['deepgram'] = await startDeepgramTestServer();
  ws['flux'] = await startFluxTestServer();
  ws['aura'] = await startAuraWsTestServer();
  ws['assemblyai'] = await startAssemblyAiTestServer();
  // modelsFromEnv speaks ElevenLabs over one multi-context socket per session.
  ws['elevenlabs'] = await startElevenLabsMultiTestServer();
  ws['cartesia'] = await startCartesiaTestServer();
  ws['openai-realtime'] = await startRealtimeTestServer();
  return {
    http,
    ws,
    close: async () => {
      for (const server of [...Object.values(http), ...Object.values(ws)]) await server.close();
    },
  };
}

/** The environment `modelsFromEnv` reads, every vendor pointed at its fake. */
export function fakeEnv(fakes: VendorFakes, llm: string, stt: string, tts: string): Env {
  const { http, ws } = fakes;
  const env: Record<string, string> = {
    PARLEY_LLM: llm,
    PARLEY_STT: stt,
    PARLEY_TTS: tts,
    OPENAI_API_KEY: 'test-key',
    OPENAI_BASE_URL: `${http['openai']?.url}/v1`,
    ANTHROPIC_API_KEY: 'test-key',
    ANTHROPIC_BASE_URL: http['anthropic']?.url ?? '',
    DEEPGRAM_API_KEY: 'test-key',
    DEEPGRAM_STT_BASE_URL: ws['deepgram']?.url ?? '',
    DEEPGRAM_FLUX_BASE_URL: ws['flux']?.url ?? '',
    DEEPGRAM_TTS_BASE_URL: ws['aura']?.url ?? '',
    ASSEMBLYAI_API_KEY: 'test-key',
    ASSEMBLYAI_BASE_URL: ws['assemblyai']?.url ?? '',
    ELEVENLABS_API_KEY: 'test-key',
    ELEVENLABS_BASE_URL: ws['elevenlabs']?.url ?? '',
    CARTESIA_API_KEY: 'test-key',
    CARTESIA_BASE_URL: ws['cartesia']?.url ?? '',
  };
  for (const name of COMPATIBLE_PRESET_NAMES) {
    const preset = COMPATIBLE_PRESETS[name];
    env[preset.baseUrlEnv] = `${http[name]?.url}/v1`;
    if (preset.apiKeyEnv) env[preset.apiKeyEnv] = 'test-key';
  }
  if (llm === 'vllm') env['PARLEY_LLM_MODEL'] = 'Qwen/Qwen2.5-7B-Instruct';
  // The Realtime fake is its own server: only this STT is pointed at it.
  if (stt === 'openai-realtime') {
    env['OPENAI_STT_BASE_URL'] = `${ws['openai-realtime']?.url.replace(/^ws/, 'http')}/v1`;
  }
  return env;
}

export const LLMS = ['openai', 'anthropic'] as const;
const STTS = ['deepgram', 'assemblyai', 'openai', 'openai-realtime'] as const;
export const TTSS = ['openai', 'elevenlabs', 'deepgram', 'cartesia'] as const;
/** The WebSocket fake each socket-based TTS speaks through (one socket per session). */
export const TTS_SOCKET_FAKES: Readonly<Record<string, string>> = {
  elevenlabs: 'elevenlabs',
  deepgram: 'aura',
  cartesia: 'cartesia',
};

/** Flux is English only (https://developers.deepgram.com/docs/flux/language). */
export function sttsFor(agent: AgentDefinition): readonly string[] {
  return agent.language.startsWith('en') ? [...STTS, 'deepgram-flux'] : STTS;
}
export { STTS };

/** Every LLM × STT × TTS of the agent, then (unless `presets: false`) each OpenAI-compatible preset once. */
export function vendorCombinations(
  agent: AgentDefinition,
  options: { readonly presets?: boolean } = {},
): [string, string, string][] {
  const out: [string, string, string][] = [];
  for (const llm of LLMS)
    for (const stt of sttsFor(agent)) for (const tts of TTSS) out.push([llm, stt, tts]);
  if (options.presets === false) return out;
  for (const [i, llm] of COMPATIBLE_PRESET_NAMES.entries()) {
    out.push([llm, STTS[i % STTS.length] ?? 'deepgram', TTSS[i % TTSS.length] ?? 'openai']);
  }
  return out;
}
