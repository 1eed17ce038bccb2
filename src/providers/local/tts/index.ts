export { createEspeakTts, type EspeakTtsOptions } from './espeak.ts';
export { createFliteTts, FLITE_VOICES, type FliteTtsOptions, type FliteVoice } from './flite.ts';
