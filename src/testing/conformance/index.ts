export { describeLlmConformance } from './llm.ts';
export type { LlmConformanceOptions } from './llm.ts';
export { describeSttConformance } from './stt.ts';
export type { SttConformanceOptions } from './stt.ts';
export { describeTtsConformance } from './tts.ts';
export type { TtsConformanceOptions } from './tts.ts';
export {
  abortAfter,
  assertParleyErrorWithCause,
  collectParts,
  waitForZero,
  withinMs,
} from './helpers.ts';
