import type { AudioChunk } from '../spec/audio.ts';
import type { Clock } from '../spec/clock.ts';
import type { SessionEvent } from '../spec/events.ts';
import { AudioOutput } from '../speak/audio-output.ts';
import { DEFAULT_WORDS_PER_MINUTE } from '../speak/heard-text.ts';
import { ReplySpeech } from '../speak/reply-speech.ts';
import type { ResolvedConfig } from './config.ts';
import type { Stage } from './errors.ts';
import { ReplyHandle } from './reply-handle.ts';
import { type RunTurnDeps, runTurn } from './run-turn.ts';
import type { TurnTiming } from './state.ts';
import type { SessionOptions } from './types.ts';

export interface RepliesDeps {
  readonly options: SessionOptions;
  readonly config: ResolvedConfig;
  readonly clock: Clock;
  readonly signal: AbortSignal;
  readonly emit: (event: SessionEvent) => void;
  readonly fail: (error: unknown, stage: Stage, provider?: string) => void;
  /** The failures of one reply (those of a prepared reply are held with its events). */
  readonly failFor: (turnId: number) => (error: unknown, stage: Stage, provider?: string) => void;
  readonly runDeps: RunTurnDeps;
  /** Each agent frame as it is sent (the echo canceller's far-end reference). */
  readonly onFrame: (chunk: AudioChunk) => void;
  readonly onFirstAudio: (turnId: number) => void;
  readonly onEnded: (turnId: number) => void;
}

/** Fallbacks kept for the next reply while none is live (a provider failing on every call). */
const MAX_PENDING_FALLBACKS = 32;

/** What a reply starts from: the start-reply command, or a preparation (held). */
export interface ReplyStart {
  readonly turnId: number;
  readonly userText: string;
  readonly fixedText?: string;
  readonly timing: TurnTiming;
  /** Prepared ahead of the turn's end: silent and held until committed. */
  readonly held?: boolean;
}

/**
 * The replies of one session: each a handle with its own audio output and speech, run one
 * after another (a new reply starts once the one before it has wound down).
 */
export function createReplies(deps: RepliesDeps) {
  const { options, config, clock, emit } = deps;
  const agent = options.agent;
  const handles = new Map<number, ReplyHandle>();
  let chain: Promise<void> = Promise.resolve();
  /** The reply the user hears (started, or committed): provider fallbacks are counted on it. */
  let live: ReplyHandle | undefined;
  /** Fallbacks while no reply was live, or of one dropped unanswered: the next live one's. */
  const pendingFallbacks: string[] = [];
  const goLive = (handle: ReplyHandle) => {
    live = handle;
    for (const label of pendingFallbacks.splice(0)) handle.recordFallback(label);
  };

  const start = (command: ReplyStart) => {
    const { turnId } = command;
    const turnFail = deps.failFor(turnId);
    const sampleRate = config.outputSampleRate;
    const output = new AudioOutput({
      clock,
      sampleRate,
      frameMs: config.outputFrameMs,
      leadMs: config.outputLeadMs,
      maxBufferedMs: config.maxBufferedMs,
      sendFrame: (samples, offsetMs) => {
        const chunk = { samples, sampleRate };
        if (offsetMs === 0) emit({ type: 'agent.audio.start', turnId, sampleRate });
        emit({ type: 'agent.audio', turnId, chunk, offsetMs });
        deps.onFrame(chunk);
        if (offsetMs === 0) deps.onFirstAudio(turnId);
      },
    });
    const handle = new ReplyHandle(
      {
        turnId,
        userText: command.userText,
        ...(command.fixedText !== undefined && { fixedText: command.fixedText }),
        timing: command.timing,
        ...(command.held === true && { held: true }),
        pushToTalk: config.policy.pushToTalk,
        wordsPerMinute: DEFAULT_WORDS_PER_MINUTE * (agent.voice?.speakingRate ?? 1),
      },
      deps.signal,
      output,
      (signal) =>
        new ReplySpeech({
          turnId,
          tts: options.models.tts,
          output,
          clock,
          signal,
          sampleRate,
          language: agent.language,
          ...(agent.voice?.speakingRate !== undefined && {
            speakingRate: agent.voice.speakingRate,
          }),
          emit,
          captureAudio: options.cache !== undefined,
          fail: turnFail,
        }),
    );
    handles.set(turnId, handle);
    if (!handle.held) goLive(handle);
    const previous = chain;
    chain = (async () => {
      await previous;
      const answer = { ...deps.runDeps.answer, fail: turnFail };
      await runTurn(handle, { ...deps.runDeps, answer, fail: turnFail });
    })()
      .catch((error: unknown) => deps.fail(error, 'session'))
      .finally(() => {
        handles.delete(turnId);
        if (live === handle) live = undefined;
        // A reply dropped unanswered (cancelled, retracted) reports no metrics: its
        // fallbacks go to the reply that answers in its place.
        if (handle.cancelled) keepFallbacks(handle.fallbacks);
        deps.onEnded(turnId);
      });
  };

  const keepFallbacks = (labels: readonly string[]) => {
    pendingFallbacks.push(...labels);
    pendingFallbacks.splice(0, Math.max(0, pendingFallbacks.length - MAX_PENDING_FALLBACKS));
  };

  return {
    start,
    get: (turnId: number) => handles.get(turnId),
    /** The turn ended with a prepared reply's words: it plays, and is the live reply. */
    commit: (turnId: number, timing: TurnTiming) => {
      const handle = handles.get(turnId);
      handle?.commit(timing);
      if (handle && !handle.held) goLive(handle);
    },
    /**
     * A provider fell back to its backup: counted in the metrics of the reply the user hears
     * (never a prepared one, which may be discarded), or of the next one when none is live.
     */
    recordFallback: (label: string) => {
      if (live && !live.signal.aborted) live.recordFallback(label);
      else keepFallbacks([label]);
    },
    stopAll: () => {
      for (const handle of handles.values()) handle.output.stop();
    },
    done: () => chain,
  };
}
