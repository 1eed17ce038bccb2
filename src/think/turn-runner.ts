import type { CallerIdentity } from '../spec/identity.ts';
import type { Clock } from '../spec/clock.ts';
import type { SessionEvent } from '../spec/events.ts';
import type { ChatMessage } from '../spec/llm.ts';
import type { TurnMetrics } from '../spec/metrics.ts';
import type { AnswerCache, CacheLookup, Retriever } from '../spec/retrieval.ts';
import { isAbortError } from '../stream/abort.ts';
import type { ToolRegistry } from '../tools/registry.ts';
import { heardReplyText } from '../speak/heard-text.ts';
import type { OutputEnd } from '../speak/audio-output.ts';
import type { ActiveTurn } from '../conversation/active-turn.ts';
import type { ResolvedConfig } from '../conversation/config.ts';
import { formatPassagesForPrompt } from '../text/passages.ts';
import { type ReplyOutcome, runReply } from './reply.ts';
import type { SessionModels } from '../conversation/types.ts';

export interface TurnDeps {
  readonly sessionId: string;
  readonly caller: CallerIdentity;
  readonly clock: Clock;
  readonly config: ResolvedConfig;
  readonly models: SessionModels;
  readonly tools: ToolRegistry;
  readonly retriever: Retriever | undefined;
  readonly cache: AnswerCache | undefined;
  readonly voice: { readonly voice?: string; readonly speakingRate?: number };
  readonly emit: (event: SessionEvent) => void;
  readonly history: ChatMessage[];
}

/** Runs one turn to its end (completed or interrupted) and writes it into history. */
export async function runTurn(turn: ActiveTurn, deps: TurnDeps): Promise<void> {
  const { clock, config, emit } = deps;
  const { turnId, userText } = turn.input;
  const signal = turn.controller.signal;
  const userMessage: ChatMessage[] = userText === '' ? [] : [{ role: 'user', content: userText }];
  let outcome: ReplyOutcome | undefined;
  let retrievalMs: number | undefined;
  let cache: TurnMetrics['cache'];
  let fromCache = false;

  try {
    if (turn.input.fixedReply !== undefined) {
      emit({ type: 'agent.text', turnId, text: turn.input.fixedReply });
      turn.speech.say(turn.input.fixedReply, 'reply', 0);
      turn.speech.finish();
    } else {
      const lookup = deps.cache
        ? await lookupAnswer(deps.cache, userText, config.voiceKey, signal)
        : undefined;
      const hit = lookup?.answer;
      if (lookup) cache = { hit: hit !== undefined, similarity: lookup.similarity };
      if (hit) {
        fromCache = true;
        emit({ type: 'agent.text', turnId, text: hit.text });
        if (hit.audio)
          await turn.speech.playAudio(hit.text, hit.audio.samples, hit.audio.sampleRate);
        else turn.speech.say(hit.text, 'reply', 0);
        turn.speech.finish();
      } else {
        const messages: ChatMessage[] = [...deps.history];
        if (deps.retriever) {
          const startedAtMs = clock.now();
          const passages = await deps.retriever.retrieve(userText, signal);
          retrievalMs = clock.now() - startedAtMs;
          emit({ type: 'retrieval', turnId, passages });
          if (passages.length > 0)
            messages.push({ role: 'system', content: formatPassagesForPrompt(passages) });
        }
        messages.push(...userMessage);
        outcome = await runReply({
          turnId,
          sessionId: deps.sessionId,
          caller: deps.caller,
          llm: deps.models.llm,
          tools: deps.tools,
          clock,
          signal,
          messages,
          speech: turn.speech,
          filler: config.filler,
          earlyFirstClause: true,
          language: config.language,
          maxToolRounds: config.maxToolRounds,
          emit,
        });
      }
    }
  } catch (error: unknown) {
    turn.speech.finish();
    if (!isAbortError(error) && !signal.aborted) {
      emit({ type: 'error', fatal: false, error: error as never });
    }
  }

  await turn.speech.done;
  const end: OutputEnd = await turn.output.finished;
  turn.finished = true;
  turn.detach();
  const interrupted = turn.interruptedAtMs !== undefined;
  if (turn.output.started) emit({ type: 'agent.audio.end', turnId, interrupted });
  if (turn.superseded) return;

  writeHistory(turn, deps, userMessage, outcome, interrupted);
  emit({ type: 'turn.end', turnId, interrupted });
  emit({
    type: 'metrics.turn',
    metrics: metricsFor(turn, outcome, { retrievalMs, cache, interrupted }),
  });
  if (
    deps.cache &&
    !fromCache &&
    outcome &&
    end === 'completed' &&
    !interrupted &&
    cacheable(outcome)
  ) {
    const answer = outcome.rounds
      .map((r) => r.text)
      .join(' ')
      .trim();
    if (answer !== '') {
      const samples = concat(turn.speech.captured);
      await deps.cache
        .store(
          {
            question: userText,
            answer,
            voiceKey: config.voiceKey,
            ...(samples.length > 0 && { audio: { sampleRate: config.outputSampleRate, samples } }),
          },
          signal,
        )
        .catch((error: unknown) => emit({ type: 'error', fatal: false, error: error as never }));
    }
  }
}

function writeHistory(
  turn: ActiveTurn,
  deps: TurnDeps,
  userMessage: ChatMessage[],
  outcome: ReplyOutcome | undefined,
  interrupted: boolean,
): void {
  const { history, config, clock } = deps;
  history.push(...userMessage);
  const playedMs = turn.playedMs(turn.interruptedAtMs ?? clock.now(), config.outputLeadMs);
  const heard = (round: number) =>
    heardReplyText(
      turn.speech.segments.filter((s) => s.round === round),
      playedMs,
    );
  const rounds = outcome?.rounds ?? [
    { text: turn.speech.segments.map((s) => s.text).join(' '), toolCalls: [], toolResults: [] },
  ];
  rounds.forEach((round, index) => {
    const content = interrupted ? heard(index) : round.text.trim();
    if (content === '' && round.toolCalls.length === 0) return;
    history.push({
      role: 'assistant',
      content,
      ...(round.toolCalls.length > 0 && { toolCalls: round.toolCalls }),
      ...(interrupted && { interrupted: true }),
    });
    history.push(...round.toolResults);
  });
}

function metricsFor(
  turn: ActiveTurn,
  outcome: ReplyOutcome | undefined,
  extra: { retrievalMs: number | undefined; cache: TurnMetrics['cache']; interrupted: boolean },
): TurnMetrics {
  const { input, speech, output } = turn;
  const since = (atMs: number | undefined, fromMs: number | undefined) =>
    atMs === undefined || fromMs === undefined ? undefined : atMs - fromMs;
  const isUserTurn = input.fixedReply === undefined;
  const metrics: Record<string, unknown> = {
    turnId: input.turnId,
    interrupted: extra.interrupted,
    endpointingMs: isUserTurn ? input.detectedAtMs - input.speechEndedAtMs : undefined,
    sttFinalMs: since(input.finalAtMs, input.speechEndedAtMs),
    retrievalMs: extra.retrievalMs,
    llmFirstTokenMs: since(outcome?.llmFirstTokenAtMs, outcome?.llmRequestAtMs),
    ttsFirstAudioMs: since(speech.firstAudioAtMs, speech.firstTextAtMs),
    firstAudioMs: isUserTurn ? since(output.startedAtMs, input.speechEndedAtMs) : undefined,
    interruptMs: turn.interruptMs,
    cache: extra.cache,
    fillerPlayed: outcome?.fillerPlayed,
    fallbacks: turn.fallbacks.length > 0 ? [...turn.fallbacks] : undefined,
  };
  for (const key of Object.keys(metrics)) if (metrics[key] === undefined) delete metrics[key];
  return metrics as unknown as TurnMetrics;
}

function concat(pieces: readonly Int16Array[]): Int16Array {
  const out = new Int16Array(pieces.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const piece of pieces) {
    out.set(piece, offset);
    offset += piece.length;
  }
  return out;
}

async function lookupAnswer(
  cache: AnswerCache,
  question: string,
  voiceKey: string,
  signal: AbortSignal,
): Promise<CacheLookup> {
  if (cache.lookupScored) return cache.lookupScored(question, voiceKey, signal);
  const answer = await cache.lookup(question, voiceKey, signal);
  return answer ? { answer, similarity: answer.similarity } : { similarity: 0 };
}

/**
 * Only answers that are the same for everyone are cached: none that changed the
 * world (a side-effecting tool), and — stricter than that — none built from any
 * tool result (an order's status is one caller's, not everyone's). A reply that
 * needed a filler has the filler in its audio, so it is not stored either.
 */
function cacheable(outcome: ReplyOutcome): boolean {
  return (
    !outcome.sideEffects &&
    !outcome.fillerPlayed &&
    outcome.rounds.every((r) => r.toolCalls.length === 0)
  );
}
