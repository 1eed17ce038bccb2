export { createElevenLabsTts } from './tts.ts';
export type { ElevenLabsTtsOptions } from './tts.ts';
export { WordAligner } from './alignment.ts';
export type { CharAlignment, TimedWord } from './alignment.ts';
export { createElevenLabsMultiContextTts } from './multi-context-tts.ts';
export type { ElevenLabsMultiContextTts } from './multi-context-tts.ts';
