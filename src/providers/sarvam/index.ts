export { createSarvamStt, type SarvamSttOptions } from './stt.ts';
export { createSarvamTts, type SarvamTtsOptions } from './tts.ts';
export { SPEAKERS, STT_LANGUAGES, TTS_LANGUAGES, toSarvamLanguage } from './languages.ts';
