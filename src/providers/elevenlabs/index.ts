export { createElevenLabsTts } from './tts.ts';
export type { ElevenLabsTtsOptions } from './tts.ts';
export { WordAligner } from './alignment.ts';
export type { CharAlignment, TimedWord } from './alignment.ts';
