export { createDeepgramAuraTts } from './aura-tts.ts';
export type { DeepgramAuraTtsOptions } from './aura-tts.ts';
export { createDeepgramStt } from './stt.ts';
export type { DeepgramSttOptions } from './stt.ts';
export { TranscriptAssembler } from './results.ts';
