export { createOpenAICompatibleLlm } from './llm.ts';
export type { OpenAICompatibleLlmOptions } from './llm.ts';
export { createOpenAITranscriptionStt } from './transcription-stt.ts';
export type { OpenAITranscriptionSttOptions } from './transcription-stt.ts';
export { createOpenAITts } from './tts.ts';
export type { OpenAITtsOptions } from './tts.ts';
export { createOpenAIRealtimeTranscriptionStt } from './realtime-transcription-stt.ts';
export type { OpenAIRealtimeTranscriptionOptions } from './realtime-transcription-stt.ts';
