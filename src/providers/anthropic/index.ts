export { createAnthropicLlm } from './llm.ts';
export type { AnthropicLlmOptions } from './llm.ts';
