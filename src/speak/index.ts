export { DEFAULT_WORDS_PER_MINUTE, estimateWordTimings, heardReplyText } from './heard-text.ts';
export type { SpokenSegment } from './heard-text.ts';
