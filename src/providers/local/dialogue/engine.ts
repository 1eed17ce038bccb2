import type { Clock } from '../../../spec/clock.ts';
import type { DialogueScript } from '../../../spec/dialogue.ts';
import type { ChatMessage, LlmModel, LlmPart, LlmStreamOptions } from '../../../spec/llm.ts';
import type { Embedder } from '../../../spec/retrieval.ts';
import { ProviderError } from '../../../spec/errors.ts';
import { isAbortError } from '../../../stream/abort.ts';
import { systemClock } from '../../../stream/system-clock.ts';
import { decide, type Decision } from './decide.ts';
import { withIntendedReplies } from './intended-replies.ts';
import { makeToolCallId } from './history.ts';
import { buildIntentIndex } from './intent-matcher.ts';
import { createSemanticIndex, type SemanticIndex } from './semantic-scores.ts';

export interface DialogueEngineOptions {
  readonly script: DialogueScript;
  /** BCP-47; `es…` switches list words, number formatting and default phrases to Spanish. */
  readonly language?: string;
  /** Pause between streamed words; 0 (the default) streams them at once. */
  readonly tokenDelayMs?: number;
  readonly clock?: Clock;
  /**
   * A sentence embedder for nearest-example matching (the USE-lite encoder
   * offline); without one, matching is lexical only. Its example vectors are
   * computed once per script and embedder, shared by every engine.
   */
  readonly embedder?: Embedder;
}

/** User messages whose embeddings a turn may need: the latest few (earlier ones are remembered). */
const EMBEDDED_USER_MESSAGES = 8;

const semanticIndexes = new WeakMap<DialogueScript, WeakMap<Embedder, SemanticIndex>>();

function sharedSemanticIndex(script: DialogueScript, embedder: Embedder): SemanticIndex {
  const byEmbedder = semanticIndexes.get(script) ?? new WeakMap<Embedder, SemanticIndex>();
  semanticIndexes.set(script, byEmbedder);
  const existing = byEmbedder.get(embedder);
  if (existing) return existing;
  const created = createSemanticIndex(script.intents, embedder);
  byEmbedder.set(embedder, created);
  return created;
}

const PROVIDER = { provider: 'local', retryable: false } as const;

/** Each word with the spaces and punctuation after it: "Your order ", "is ", "late.". */
export function splitWords(text: string): string[] {
  return text.match(/\s*\S+\s*/g) ?? [];
}

/** Words in JSON or prose, counting letters and figures only. */
function countWords(text: string): number {
  return text.split(/[^\p{L}\p{N}]+/u).filter((word) => word !== '').length;
}

function inputWords(messages: readonly ChatMessage[]): number {
  return messages.reduce((sum, message) => sum + countWords(message.content), 0);
}

/**
 * The offline scripted dialogue engine behind the LLM interface: it reads the
 * conversation, picks an intent, fills slots, calls the intent's tool and
 * replies from templates. Stateless: every call derives everything from `messages`.
 */
export function createDialogueEngine(options: DialogueEngineOptions): LlmModel {
  const { script } = options;
  const language = options.language ?? 'en';
  const tokenDelayMs = options.tokenDelayMs ?? 0;
  const clock = options.clock ?? systemClock;
  const semantic =
    options.embedder === undefined ? undefined : sharedSemanticIndex(script, options.embedder);
  const context = { script, index: buildIntentIndex(script.intents, semantic?.scorer), language };
  let semanticFailed = false;

  /** Embeds the latest user messages; on failure matching goes on lexically (and says so once). */
  async function prepareSemantic(messages: readonly ChatMessage[], signal: AbortSignal) {
    if (semantic === undefined || semanticFailed) return;
    const texts = messages
      .filter((message) => message.role === 'user')
      .slice(-EMBEDDED_USER_MESSAGES)
      .map((message) => message.content);
    try {
      await semantic.prepare(texts, signal);
    } catch (error) {
      if (signal.aborted) return;
      semanticFailed = true;
      console.warn(
        'parley: dialogue engine: sentence embeddings failed, matching words only',
        error,
      );
    }
  }

  async function* say(text: string, signal: AbortSignal): AsyncGenerator<LlmPart, boolean> {
    for (const [position, word] of splitWords(text).entries()) {
      if (position > 0 && tokenDelayMs > 0) {
        try {
          await clock.sleep(tokenDelayMs, signal);
        } catch (error) {
          if (isAbortError(error)) return false;
          throw error;
        }
      }
      if (signal.aborted) return false;
      yield { type: 'text-delta', text: word };
    }
    return !signal.aborted;
  }

  async function* stream(streamOptions: LlmStreamOptions): AsyncGenerator<LlmPart> {
    const { messages, signal, tools } = streamOptions;
    if (signal.aborted) return;
    const inputTokens = inputWords(messages);
    await prepareSemantic(messages, signal);
    if (signal.aborted) return;
    let decision: Decision;
    try {
      decision = decide(context, withIntendedReplies(context, messages));
    } catch (error) {
      const message = 'the dialogue engine could not read the conversation';
      yield { type: 'error', error: new ProviderError(message, { ...PROVIDER, cause: error }) };
      yield { type: 'finish', reason: 'error', usage: { inputTokens, outputTokens: 0 } };
      return;
    }
    if (decision.type === 'call' && tools !== undefined) {
      const { toolName } = decision;
      if (!tools.some((tool) => tool.name === toolName)) {
        const message = `the dialogue script calls tool "${toolName}", which was not offered`;
        yield { type: 'error', error: new ProviderError(message, PROVIDER) };
        decision = { type: 'say', kind: 'fallback', text: script.fallbackReply };
      }
    }
    if (decision.type === 'call') {
      const argumentsJson = JSON.stringify(decision.args);
      const id = makeToolCallId(decision.intent.name);
      yield { type: 'tool-call', call: { id, name: decision.toolName, argumentsJson } };
      if (signal.aborted) return;
      const usage = { inputTokens, outputTokens: countWords(argumentsJson) };
      yield { type: 'finish', reason: 'tool-calls', usage };
      return;
    }
    const text = decision.type === 'say' ? decision.text : '';
    const finished = yield* say(text, signal);
    if (!finished) return;
    yield {
      type: 'finish',
      reason: 'stop',
      usage: { inputTokens, outputTokens: splitWords(text).length },
    };
  }

  return {
    provider: 'local',
    model: 'scripted-dialogue',
    capabilities: { streaming: true, toolCalls: true },
    stream,
  };
}
