import type { CallerIdentity } from '../spec/identity.ts';
import type { Clock } from '../spec/clock.ts';
import type { SessionEvent } from '../spec/events.ts';
import type { ChatMessage, LlmModel, ToolCall } from '../spec/llm.ts';
import type { FillerConfig } from '../spec/turn.ts';
import { untilAborted } from '../stream/abort.ts';
import { normalizeForSpeech } from '../text/normalize.ts';
import { createSentenceChunker } from '../text/sentence-chunker.ts';
import { type ToolRegistry, toolOutcomeContent } from '../tools/registry.ts';
import type { ReplySpeech } from '../speak/reply-speech.ts';

export interface ReplyOptions {
  readonly turnId: number;
  readonly sessionId: string;
  readonly caller: CallerIdentity;
  readonly llm: LlmModel;
  readonly tools: ToolRegistry;
  readonly clock: Clock;
  readonly signal: AbortSignal;
  /** History plus any retrieved passages, ending with the user's message. */
  readonly messages: readonly ChatMessage[];
  readonly speech: ReplySpeech;
  readonly filler: FillerConfig;
  readonly earlyFirstClause: boolean;
  readonly language: string;
  readonly maxToolRounds: number;
  readonly emit: (event: SessionEvent) => void;
  /** A failure of the LLM (a part or a throw): the caller normalises it and apologises. */
  readonly fail: (error: unknown, stage: 'llm', provider: string) => void;
  /**
   * A reply prepared ahead of the turn's end waits here before any tool call that may change
   * the world (all but tools marked `sideEffects: false`); rejects when it is discarded.
   */
  readonly untilCommitted?: () => Promise<void>;
}

export interface ReplyRound {
  readonly text: string;
  readonly toolCalls: readonly ToolCall[];
  readonly toolResults: readonly Extract<ChatMessage, { role: 'tool' }>[];
}

export interface ReplyOutcome {
  readonly rounds: ReplyRound[];
  readonly llmRequestAtMs: number | undefined;
  readonly llmFirstTokenAtMs: number | undefined;
  readonly fillerPlayed: boolean;
  /** Tools that change the world were called: the answer must not be cached. */
  readonly sideEffects: boolean;
  /** The LLM failed (reported through `fail`). */
  readonly failed: boolean;
}

/**
 * The thinking half of a reply: stream the LLM, chunk its text into sentences
 * for the speech, run tool calls and go round again, and mask slow starts with
 * a filler phrase.
 */
export async function runReply(options: ReplyOptions): Promise<ReplyOutcome> {
  const { clock, signal, speech, emit, turnId } = options;
  const rounds: ReplyRound[] = [];
  const messages = [...options.messages];
  const chunker = createSentenceChunker({ earlyFirstClause: options.earlyFirstClause });
  let llmRequestAtMs: number | undefined;
  let llmFirstTokenAtMs: number | undefined;
  let fillerPlayed = false;
  let sideEffects = false;
  let failed = false;

  const playFiller = (text: string | undefined, round: number) => {
    if (fillerPlayed || signal.aborted) return;
    const phrase =
      text ?? options.filler.phrases[turnId % Math.max(1, options.filler.phrases.length)];
    if (!phrase) return;
    fillerPlayed = true;
    emit({ type: 'filler', turnId, text: phrase });
    speech.say(phrase, 'filler', round);
  };
  const sayChunks = (chunks: string[], round: number) => {
    for (const raw of chunks) {
      const chunk = normalizeForSpeech(raw, options.language);
      emit({ type: 'agent.text', turnId, text: chunk });
      speech.say(chunk, 'reply', round);
    }
  };

  try {
    for (let round = 0; round < options.maxToolRounds && !signal.aborted; round++) {
      let text = '';
      const toolCalls: ToolCall[] = [];
      let firstPart = false;
      llmRequestAtMs ??= clock.now();
      const cancelFiller = clock.setTimer(options.filler.thresholdMs, () => {
        if (!firstPart) playFiller(undefined, round);
      });
      try {
        const parts = options.llm.stream({ messages, tools: options.tools.specs, signal });
        for await (const part of untilAborted(parts, signal)) {
          if (!firstPart) {
            firstPart = true;
            cancelFiller();
            llmFirstTokenAtMs ??= clock.now();
          }
          if (part.type === 'text-delta') {
            text += part.text;
            sayChunks(chunker.push(part.text), round);
          } else if (part.type === 'tool-call') {
            toolCalls.push(part.call);
          } else if (part.type === 'error') {
            options.fail(part.error, 'llm', options.llm.provider);
            failed = true;
          }
        }
      } finally {
        cancelFiller();
      }
      sayChunks(chunker.flush(), round);
      if (signal.aborted) {
        rounds.push({ text, toolCalls, toolResults: [] });
        break;
      }
      const assistant: ChatMessage = {
        role: 'assistant',
        content: text,
        ...(toolCalls.length > 0 && { toolCalls }),
      };
      messages.push(assistant);
      if (toolCalls.length === 0 || failed) {
        rounds.push({ text, toolCalls, toolResults: [] });
        break;
      }
      const toolResults = [];
      for (const call of toolCalls) {
        const result = await runToolCall(call, round);
        toolResults.push(result);
        messages.push(result);
      }
      rounds.push({ text, toolCalls, toolResults });
    }
  } catch (error: unknown) {
    // An abort is the turn being stopped, not a failure.
    if (!signal.aborted) {
      failed = true;
      options.fail(error, 'llm', options.llm.provider);
    }
  }
  return { rounds, llmRequestAtMs, llmFirstTokenAtMs, fillerPlayed, sideEffects, failed };

  async function runToolCall(
    call: ToolCall,
    round: number,
  ): Promise<Extract<ChatMessage, { role: 'tool' }>> {
    const tool = options.tools.get(call.name);
    // Only a tool its author marked read-only may run before the user's turn has ended.
    if (tool?.sideEffects !== false) await options.untilCommitted?.();
    if (tool?.sideEffects) sideEffects = true;
    const cancelFiller = clock.setTimer(options.filler.thresholdMs, () =>
      playFiller(tool?.filler, round),
    );
    const toolCallId = call.id;
    emit({
      type: 'tool.call',
      turnId,
      toolCallId,
      name: call.name,
      arguments: parseLoosely(call.argumentsJson),
    });
    try {
      const outcome = await options.tools.run(call, {
        signal,
        sessionId: options.sessionId,
        caller: options.caller,
        reportProgress: (fraction, label) =>
          emit({
            type: 'tool.progress',
            turnId,
            toolCallId: call.id,
            name: call.name,
            fraction: Math.min(1, Math.max(0, fraction)),
            ...(label !== undefined && { label }),
          }),
      });
      emit({
        type: 'tool.result',
        turnId,
        toolCallId: call.id,
        name: call.name,
        ok: outcome.ok,
        result: outcome.ok ? outcome.result : outcome.error.message,
      });
      return {
        role: 'tool',
        toolCallId: call.id,
        name: call.name,
        content: toolOutcomeContent(outcome),
        ...(!outcome.ok && { isError: true }),
      };
    } finally {
      cancelFiller();
    }
  }
}

function parseLoosely(json: string): unknown {
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return json;
  }
}
