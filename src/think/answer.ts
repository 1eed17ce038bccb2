import type { CallerIdentity } from '../spec/identity.ts';
import type { Clock } from '../spec/clock.ts';
import type { SessionEvent } from '../spec/events.ts';
import type { ChatMessage, LlmModel } from '../spec/llm.ts';
import type { TurnMetrics } from '../spec/metrics.ts';
import type { AnswerCache, CacheLookup, Retriever } from '../spec/retrieval.ts';
import type { FillerConfig } from '../spec/turn.ts';
import type { ReplySpeech } from '../speak/reply-speech.ts';
import { formatPassagesForPrompt } from '../text/passages.ts';
import type { ToolRegistry } from '../tools/registry.ts';
import { type ReplyOutcome, runReply } from './reply.ts';

export type AnswerStage = 'llm' | 'retrieval' | 'cache';

export interface AnswerDeps {
  readonly sessionId: string;
  readonly caller: CallerIdentity;
  readonly clock: Clock;
  readonly llm: LlmModel;
  readonly tools: ToolRegistry;
  readonly retriever: Retriever | undefined;
  readonly cache: AnswerCache | undefined;
  readonly voiceKey: string;
  readonly filler: FillerConfig;
  readonly language: string;
  readonly maxToolRounds: number;
  readonly emit: (event: SessionEvent) => void;
  /** Every failure goes here, to the conversation's one normaliser. */
  readonly fail: (error: unknown, stage: AnswerStage, provider?: string) => void;
  /** What to say when a stage failed before the reply said anything. */
  readonly apology: string;
}

export interface Answer {
  readonly outcome: ReplyOutcome | undefined;
  readonly retrievalMs: number | undefined;
  readonly cache: TurnMetrics['cache'];
  readonly fromCache: boolean;
  /** A stage failed and the user heard the apology instead. */
  readonly apologised: boolean;
}

/**
 * The thinking half of a turn: the semantic cache, retrieval and the LLM with its tools,
 * spoken through `speech`. A failing stage never leaves silence: when nothing of the reply
 * was said, the user hears the apology.
 */
export async function answer(
  turnId: number,
  userText: string,
  history: readonly ChatMessage[],
  speech: ReplySpeech,
  signal: AbortSignal,
  deps: AnswerDeps,
  untilCommitted?: () => Promise<void>,
): Promise<Answer> {
  let failed = false;
  const fail = (error: unknown, stage: AnswerStage, provider?: string) => {
    if (signal.aborted) return;
    failed = true;
    deps.fail(error, stage, provider);
  };
  let retrievalMs: number | undefined;
  let outcome: ReplyOutcome | undefined;
  const lookup = await lookupAnswer(deps.cache, userText, deps.voiceKey, signal).catch(
    (error: unknown) => {
      // A broken cache is reported but does not stop the answer.
      if (!signal.aborted) deps.fail(error, 'cache');
      return undefined;
    },
  );
  const cache = lookup && { hit: lookup.answer !== undefined, similarity: lookup.similarity };
  const hit = lookup?.answer;
  if (hit) {
    deps.emit({ type: 'agent.text', turnId, text: hit.text });
    if (hit.audio) await speech.playAudio(hit.text, hit.audio.samples, hit.audio.sampleRate);
    else speech.say(hit.text, 'reply', 0);
    speech.finish();
    return { outcome, retrievalMs, cache, fromCache: true, apologised: false };
  }
  let stage: AnswerStage = 'retrieval';
  try {
    const messages: ChatMessage[] = [...history];
    if (deps.retriever) {
      const startedAtMs = deps.clock.now();
      const passages = await deps.retriever.retrieve(userText, signal);
      retrievalMs = deps.clock.now() - startedAtMs;
      deps.emit({ type: 'retrieval', turnId, passages });
      if (passages.length > 0)
        messages.push({ role: 'system', content: formatPassagesForPrompt(passages) });
    }
    if (userText !== '') messages.push({ role: 'user', content: userText });
    stage = 'llm';
    outcome = await runReply({
      turnId,
      sessionId: deps.sessionId,
      caller: deps.caller,
      llm: deps.llm,
      tools: deps.tools,
      clock: deps.clock,
      signal,
      messages,
      speech,
      filler: deps.filler,
      earlyFirstClause: true,
      language: deps.language,
      maxToolRounds: deps.maxToolRounds,
      emit: deps.emit,
      fail: (error, stage, provider) => fail(error, stage, provider),
      ...(untilCommitted && { untilCommitted }),
    });
  } catch (error: unknown) {
    fail(error, stage);
  }
  const said = outcome?.rounds.some((r) => r.text.trim() !== '') ?? false;
  const apologised = failed && !said && !signal.aborted;
  if (apologised) {
    deps.emit({ type: 'agent.text', turnId, text: deps.apology });
    speech.say(deps.apology, 'reply', outcome?.rounds.length ?? 0);
  }
  speech.finish();
  return { outcome, retrievalMs, cache, fromCache: false, apologised };
}

async function lookupAnswer(
  cache: AnswerCache | undefined,
  question: string,
  voiceKey: string,
  signal: AbortSignal,
): Promise<CacheLookup | undefined> {
  if (!cache) return undefined;
  if (cache.lookupScored) return cache.lookupScored(question, voiceKey, signal);
  const found = await cache.lookup(question, voiceKey, signal);
  return found ? { answer: found, similarity: found.similarity } : { similarity: 0 };
}
