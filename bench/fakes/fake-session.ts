import { createSession } from '../../src/conversation/index.ts';
import type { Session } from '../../src/conversation/types.ts';
import type { AgentDefinition } from '../../src/spec/agent.ts';
import type { SessionEvent } from '../../src/spec/events.ts';
import type { TurnMetrics } from '../../src/spec/metrics.ts';
import type { AnswerCache } from '../../src/spec/retrieval.ts';
import type { SttModel } from '../../src/spec/stt.ts';
import type { TtsModel } from '../../src/spec/tts.ts';
import type { Vad } from '../../src/spec/vad.ts';
import { systemClock } from '../../src/stream/system-clock.ts';
import {
  createFakeLlm,
  createFakeStt,
  createFakeTts,
  createFakeVad,
  type FakeLatencies,
  type FakeLlmResponses,
  type UserSpeechScript,
} from '../../src/testing/index.ts';

export const BENCH_AGENT: AgentDefinition = {
  id: 'bench',
  name: 'Bench agent',
  description: 'An agent for benchmarks',
  language: 'en-US',
  systemPrompt: 'You are a helpful benchmark agent.',
  tools: [],
  ui: { page: 'index.html', title: 'Bench' },
};

/** What a bench session records as it runs, in real (performance.now) ms. */
export interface SessionLog {
  /** turnId → when its first agent audio frame was sent. */
  readonly firstAudioAtMs: Map<number, number>;
  /** turnId → when its last agent audio frame was sent. */
  readonly lastAudioAtMs: Map<number, number>;
  readonly metrics: TurnMetrics[];
  readonly errors: SessionEvent[];
  turnsEnded: number;
}

export function recordSession(session: Session): SessionLog {
  const log: SessionLog = {
    firstAudioAtMs: new Map(),
    lastAudioAtMs: new Map(),
    metrics: [],
    errors: [],
    turnsEnded: 0,
  };
  session.subscribe((event) => {
    const nowMs = performance.now();
    if (event.type === 'agent.audio') {
      if (!log.firstAudioAtMs.has(event.turnId)) log.firstAudioAtMs.set(event.turnId, nowMs);
      log.lastAudioAtMs.set(event.turnId, nowMs);
    } else if (event.type === 'metrics.turn') log.metrics.push(event.metrics);
    else if (event.type === 'turn.end') log.turnsEnded++;
    else if (event.type === 'error') log.errors.push(event);
  });
  return log;
}

export interface FakeSessionSetup {
  /** Utterances in absolute performance.now() ms. */
  readonly script: UserSpeechScript;
  readonly latencies: FakeLatencies;
  readonly llm: FakeLlmResponses;
  readonly ttsFirstAudioMs: number;
  readonly msPerWord?: number;
  /** Replace the scripted VAD (the scale bench uses the real Silero). */
  readonly vad?: Vad;
  /** Replace the scripted STT. */
  readonly stt?: SttModel;
  /** Wrap the fake TTS (e.g. to pace its synthesis). */
  readonly wrapTts?: (tts: TtsModel) => TtsModel;
  readonly cache?: AnswerCache;
  readonly agent?: Partial<AgentDefinition>;
}

/** A session on the scripted fakes running on the real clock. */
export function createFakeSession(setup: FakeSessionSetup): { session: Session; log: SessionLog } {
  const clock = systemClock;
  const tts = createFakeTts({
    clock,
    firstAudioDelayMs: setup.ttsFirstAudioMs,
    msPerWord: setup.msPerWord ?? 200,
  });
  const session = createSession({
    agent: { ...BENCH_AGENT, ...setup.agent },
    models: {
      vad: setup.vad ?? createFakeVad({ clock, script: setup.script, latencies: setup.latencies }),
      stt: setup.stt ?? createFakeStt({ clock, script: setup.script, latencies: setup.latencies }),
      llm: createFakeLlm({ clock, responses: setup.llm }),
      tts: setup.wrapTts ? setup.wrapTts(tts) : tts,
    },
    clock,
    greet: false,
    outputSampleRate: 16_000,
    ...(setup.cache && { cache: setup.cache }),
  });
  return { session, log: recordSession(session) };
}
