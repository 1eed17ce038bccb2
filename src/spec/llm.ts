import type { ParleyError } from './errors.ts';
import type { ModelInfo, TokenUsage } from './model.ts';
import type { ToolSpec } from './tool.ts';

export interface ToolCall {
  readonly id: string;
  readonly name: string;
  /** Raw JSON text as the model produced it; validated by the tool registry. */
  readonly argumentsJson: string;
}

export type ChatMessage =
  | { readonly role: 'system'; readonly content: string }
  | { readonly role: 'user'; readonly content: string }
  | {
      readonly role: 'assistant';
      readonly content: string;
      readonly toolCalls?: readonly ToolCall[];
      /** True when the user cut this reply off; `content` holds only what was heard. */
      readonly interrupted?: boolean;
    }
  | {
      readonly role: 'tool';
      readonly toolCallId: string;
      readonly name: string;
      readonly content: string;
      readonly isError?: boolean;
    };

export interface LlmCapabilities {
  readonly streaming: boolean;
  readonly toolCalls: boolean;
}

export interface LlmStreamOptions {
  readonly messages: readonly ChatMessage[];
  readonly tools?: readonly ToolSpec[];
  readonly temperature?: number;
  readonly maxOutputTokens?: number;
  readonly signal: AbortSignal;
}

export type FinishReason = 'stop' | 'tool-calls' | 'length' | 'error' | 'other';

export type LlmPart =
  | { readonly type: 'text-delta'; readonly text: string }
  | { readonly type: 'tool-call'; readonly call: ToolCall }
  | { readonly type: 'finish'; readonly reason: FinishReason; readonly usage?: TokenUsage }
  | { readonly type: 'error'; readonly error: ParleyError };

export interface LlmModel extends ModelInfo<LlmCapabilities> {
  stream(options: LlmStreamOptions): AsyncIterable<LlmPart>;
}
