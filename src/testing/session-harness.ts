import type { AgentDefinition } from '../spec/agent.ts';
import type { SessionEvent, SessionEventType } from '../spec/events.ts';
import type { AnswerCache, Retriever } from '../spec/retrieval.ts';
import { createFakeLlm, type FakeLlmResponses } from './fake-llm.ts';
import { createFakeStt } from './fake-stt.ts';
import { createFakeTts, type FakeTtsOptions } from './fake-tts.ts';
import { createFakeVad } from './fake-vad.ts';
import type { FakeLatencies, UserSpeechScript } from './user-speech.ts';
import { VirtualClock } from './virtual-clock.ts';
import { createSession } from '../conversation/create-session.ts';
import type { SessionOptions } from '../conversation/types.ts';
import type { SttModel } from '../spec/stt.ts';

export const TEST_AGENT: AgentDefinition = {
  id: 'test',
  name: 'Test agent',
  description: 'An agent for session tests',
  language: 'en-US',
  systemPrompt: 'You are a helpful test agent.',
  tools: [],
  ui: { page: 'index.html', title: 'Test' },
};

/** A session on fakes and a virtual clock, recording every event with its time. */
export function scriptedSession(setup: {
  readonly user?: UserSpeechScript;
  readonly latencies?: FakeLatencies;
  readonly llm: FakeLlmResponses;
  readonly tts?: Omit<FakeTtsOptions, 'clock'>;
  readonly agent?: Partial<AgentDefinition>;
  readonly retriever?: Retriever;
  readonly cache?: AnswerCache;
  /** Further session options (echo canceller, caller, greeting, caps). */
  readonly session?: Partial<Omit<SessionOptions, 'agent' | 'models' | 'clock'>>;
  /** Changes the scripted STT as the session sees it (e.g. no interim results). */
  readonly sttAs?: (stt: SttModel) => SttModel;
  /** Subscribe as the session is created (default) or leave it to the test. */
  readonly subscribe?: boolean;
}) {
  const clock = new VirtualClock();
  const user = setup.user ?? [];
  const vad = createFakeVad({
    clock,
    script: user,
    ...(setup.latencies && { latencies: setup.latencies }),
  });
  const stt = createFakeStt({
    clock,
    script: user,
    ...(setup.latencies && { latencies: setup.latencies }),
  });
  const llm = createFakeLlm({ clock, responses: setup.llm });
  const tts = createFakeTts({ clock, ...setup.tts });
  const session = createSession({
    agent: { ...TEST_AGENT, ...setup.agent },
    models: { vad, stt: setup.sttAs ? setup.sttAs(stt) : stt, llm, tts },
    clock,
    outputSampleRate: 16_000,
    ...(setup.retriever && { retriever: setup.retriever }),
    ...(setup.cache && { cache: setup.cache }),
    ...setup.session,
  });
  const events: (SessionEvent & { readonly atMs: number })[] = [];
  const record = () => session.subscribe((event) => events.push({ ...event, atMs: clock.now() }));
  if (setup.subscribe !== false) record();
  const of = <T extends SessionEventType>(type: T) =>
    events.filter(
      (e): e is Extract<SessionEvent, { type: T }> & { atMs: number } => e.type === type,
    );
  const first = <T extends SessionEventType>(type: T) => of(type)[0];
  return { clock, session, events, of, first, llm, tts, stt, vad, record };
}
