export { VirtualClock, flushMicrotasks } from './virtual-clock.ts';
export type { FakeLatencies, FakeUtterance, UserSpeechScript } from './user-speech.ts';
export { createFakeVad } from './fake-vad.ts';
export { createFakeStt } from './fake-stt.ts';
export { createFakeLlm, tokenize } from './fake-llm.ts';
export type { FakeLlmCall, FakeLlmResponse, FakeLlmResponses } from './fake-llm.ts';
export { createFakeTts } from './fake-tts.ts';
export type { FakeTtsOptions } from './fake-tts.ts';
