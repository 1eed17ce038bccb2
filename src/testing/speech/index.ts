// Test speech: voices the project does not otherwise test with, sox noise and sounds, cached by content.
export { ClipMaker, type Clip, type ClipPart, type ClipSpec } from './clip.ts';
export { noiseBed, type NoiseBed } from './noise.ts';
export { TEST_SOUNDS, type TestSound } from './sounds.ts';
export { activeRms, soundSpanMs, type SpanMs } from './span.ts';
export { TEST_VOICES, TestSpeechError, type TestVoice } from './voices.ts';
