export { createDeepgramAuraTts } from './aura-tts.ts';
export type { DeepgramAuraTtsOptions } from './aura-tts.ts';
export { createDeepgramStt } from './stt.ts';
export type { DeepgramSttOptions } from './stt.ts';
export { TranscriptAssembler } from './results.ts';
export { createDeepgramFluxStt } from './flux-stt.ts';
export type { DeepgramFluxSttOptions } from './flux-stt.ts';
export { createDeepgramAuraStreamTts } from './aura-ws-tts.ts';
export type { DeepgramAuraStreamTtsOptions } from './aura-ws-tts.ts';
