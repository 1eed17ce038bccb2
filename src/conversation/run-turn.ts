import type { SessionEvent } from '../spec/events.ts';
import type { ChatMessage } from '../spec/llm.ts';
import type { AnswerCache } from '../spec/retrieval.ts';
import { type Answer, type AnswerDeps, answer } from '../think/answer.ts';
import type { Stage } from './errors.ts';
import type { ReplyHandle } from './reply-handle.ts';
import { cacheableAnswer, recordTurn, turnMetrics } from './turn-record.ts';
import { concatInt16 } from '../audio/pcm.ts';

export interface RunTurnDeps {
  readonly answer: AnswerDeps;
  readonly history: ChatMessage[];
  readonly cache: AnswerCache | undefined;
  readonly voiceKey: string;
  readonly outputSampleRate: number;
  readonly outputLeadMs: number;
  readonly now: () => number;
  readonly emit: (event: SessionEvent) => void;
  readonly fail: (error: unknown, stage: Stage) => void;
  /** Runs bookkeeping after the turn, off the critical path (the session awaits it on close). */
  readonly afterTurn: (task: (signal: AbortSignal) => Promise<void>) => void;
}

/** Runs one reply to its end (completed, interrupted or cancelled) and records it. */
export async function runTurn(handle: ReplyHandle, deps: RunTurnDeps): Promise<void> {
  const { turnId, userText, fixedText } = handle.input;
  const { emit } = deps;
  let result: Answer | undefined;
  let started = false;
  try {
    if (fixedText !== undefined) {
      emit({ type: 'agent.text', turnId, text: fixedText });
      handle.speech.say(fixedText, 'reply', 0);
      handle.speech.finish();
    } else if (!handle.signal.aborted) {
      if (userText !== '') emit({ type: 'turn.start', turnId, userText });
      started = userText !== '';
      result = await answer(
        turnId,
        userText,
        deps.history,
        handle.speech,
        handle.signal,
        deps.answer,
        () => handle.untilCommitted(),
      );
    }
  } catch (error: unknown) {
    if (!handle.signal.aborted) deps.fail(error, 'session');
  } finally {
    handle.speech.finish();
  }
  await handle.speech.done;
  await handle.output.finished;
  const playedMs = handle.playedMs(deps.now(), deps.outputLeadMs);
  handle.finish();
  const interrupted = handle.interrupted;
  if (handle.output.started) emit({ type: 'agent.audio.end', turnId, interrupted });
  // A dropped reply's turn ends too, marked so: the client saw it start.
  if (handle.cancelled) {
    if (started) emit({ type: 'turn.end', turnId, interrupted, cancelled: true });
    return;
  }
  recordTurn(deps.history, handle, result, deps.answer.apology, playedMs);
  emit({ type: 'turn.end', turnId, interrupted });
  emit({ type: 'metrics.turn', metrics: turnMetrics(handle, result) });
  const text = interrupted ? undefined : cacheableAnswer(result);
  if (deps.cache && text !== undefined) storeAnswer(deps.cache, userText, text, handle, deps);
}

/** The cache write happens after the turn has ended: a slow store delays nobody. */
function storeAnswer(
  cache: AnswerCache,
  question: string,
  text: string,
  handle: ReplyHandle,
  deps: RunTurnDeps,
): void {
  const samples = concatInt16(handle.speech.captured);
  deps.afterTurn(async (signal) => {
    try {
      await cache.store(
        {
          question,
          answer: text,
          voiceKey: deps.voiceKey,
          ...(samples.length > 0 && { audio: { sampleRate: deps.outputSampleRate, samples } }),
        },
        signal,
      );
    } catch (error: unknown) {
      if (!signal.aborted) deps.fail(error, 'cache');
    }
  });
}
