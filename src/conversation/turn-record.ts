import type { ChatMessage } from '../spec/llm.ts';
import type { TurnMetrics } from '../spec/metrics.ts';
import { heardReplyText } from '../speak/heard-text.ts';
import type { Answer } from '../think/answer.ts';
import type { ReplyRound } from '../think/reply.ts';
import type { ReplyHandle } from './reply-handle.ts';

/**
 * Writes one finished turn into history: the user's words, then each round of the reply —
 * whole when it played to the end, truncated to the words heard when interrupted. A turn
 * whose stages failed records the apology the user heard, so no user turn is left unanswered.
 */
export function recordTurn(
  history: ChatMessage[],
  handle: ReplyHandle,
  result: Answer | undefined,
  apology: string,
  playedMs: number,
): void {
  const { userText } = handle.input;
  if (userText !== '') history.push({ role: 'user', content: userText });
  const spoken = handle.speech.segments.map((s) => s.text).join(' ');
  const rounds: ReplyRound[] = [...(result?.outcome?.rounds ?? [])];
  if (result?.apologised) rounds.push({ text: apology, toolCalls: [], toolResults: [] });
  if (rounds.length === 0) rounds.push({ text: spoken, toolCalls: [], toolResults: [] });
  const interrupted = handle.interrupted;
  rounds.forEach((round, index) => {
    const heard = heardReplyText(
      handle.speech.segments.filter((s) => s.round === index),
      playedMs,
      handle.input.wordsPerMinute,
    );
    const content = interrupted ? heard : round.text.trim();
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

/** A figure only when it is a true one: measured, finite and not negative. */
function figure(value: number | undefined): number | undefined {
  return value !== undefined && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/**
 * The turn's latency figures. Voice turns count from the VAD's speech end, push-to-talk
 * turns from the release, typed turns from the message; a figure that would be negative
 * (an STT final that came before the release) is the zero it truly is, or absent.
 */
export function turnMetrics(handle: ReplyHandle, result: Answer | undefined): TurnMetrics {
  const { input, speech, output } = handle;
  const { speechEndedAtMs, detectedAtMs, finalAtMs } = handle.timing;
  const since = (atMs: number | undefined, fromMs: number | undefined) =>
    atMs === undefined || fromMs === undefined ? undefined : atMs - fromMs;
  const isUserTurn = input.fixedText === undefined;
  const outcome = result?.outcome;
  const sttFinalMs = since(finalAtMs, speechEndedAtMs);
  const metrics: Record<string, unknown> = {
    turnId: input.turnId,
    interrupted: handle.interrupted,
    endpointingMs: figure(isUserTurn ? detectedAtMs - speechEndedAtMs : undefined),
    sttFinalMs: figure(
      input.pushToTalk && sttFinalMs !== undefined ? Math.max(0, sttFinalMs) : sttFinalMs,
    ),
    retrievalMs: figure(result?.retrievalMs),
    llmFirstTokenMs: figure(since(outcome?.llmFirstTokenAtMs, outcome?.llmRequestAtMs)),
    ttsFirstAudioMs: figure(since(speech.firstAudioAtMs, speech.firstTextAtMs)),
    firstAudioMs: figure(isUserTurn ? since(output.startedAtMs, speechEndedAtMs) : undefined),
    interruptMs: figure(handle.interruptMs),
    cache: result?.cache,
    fillerPlayed: outcome?.fillerPlayed,
    fallbacks: handle.fallbacks.length > 0 ? [...handle.fallbacks] : undefined,
  };
  for (const key of Object.keys(metrics)) if (metrics[key] === undefined) delete metrics[key];
  return metrics as unknown as TurnMetrics;
}

/**
 * Only answers that are the same for everyone are cached: none that changed the world (a
 * side-effecting tool), none built from any tool result (an order's status is one caller's),
 * none that needed a filler (it is in the audio), none that failed.
 */
export function cacheableAnswer(result: Answer | undefined): string | undefined {
  const outcome = result?.outcome;
  if (!outcome || result.fromCache || result.apologised || outcome.failed) return undefined;
  if (outcome.sideEffects || outcome.fillerPlayed) return undefined;
  if (outcome.rounds.some((r) => r.toolCalls.length > 0)) return undefined;
  const text = outcome.rounds
    .map((r) => r.text)
    .join(' ')
    .trim();
  return text === '' ? undefined : text;
}
