export { createEspeakTts, type EspeakTtsOptions } from './espeak.ts';
export { createFliteTts, FLITE_VOICES, type FliteTtsOptions, type FliteVoice } from './flite.ts';
export { createLocalTts, describeLocalVoice, type LocalTtsOptions } from './local.ts';
export { createPicoTts, type PicoTtsOptions } from './pico.ts';
export { createRhvoiceTts, RHVOICE_VOICES, type RhvoiceTtsOptions } from './rhvoice.ts';
