export * from './sentence-chunker.ts';
export * from './normalize.ts';
export * from './words.ts';
export { formatPassagesForPrompt } from './passages.ts';
