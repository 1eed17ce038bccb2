export { createAssemblyAiStt } from './stt.ts';
export type { AssemblyAiSttOptions } from './stt.ts';
