export { createCartesiaTts } from './tts.ts';
export type { CartesiaTtsOptions } from './tts.ts';
