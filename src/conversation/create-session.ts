import { randomUUID } from 'node:crypto';
import { AudioInput } from '../listen/audio-input.ts';
import { EchoShareTracker } from '../listen/echo-share.ts';
import type { AudioChunk } from '../spec/audio.ts';
import { ProviderError } from '../spec/errors.ts';
import type { SessionEvent } from '../spec/events.ts';
import type { ChatMessage } from '../spec/llm.ts';
import { isAbortError } from '../stream/abort.ts';
import { systemClock } from '../stream/system-clock.ts';
import { resolveConfig } from './config.ts';
import { createEchoInput } from './echo-input.ts';
import { createEmitter } from './emitter.ts';
import { normaliseError, type Stage } from './errors.ts';
import { type InputLoopDeps, runSttLoop, runVadLoop, watchEngineLag } from './input-loops.ts';
import { createReplies } from './replies.ts';
import { replyRunDeps } from './run-deps.ts';
import { type ConversationCommand, type ConversationEvent, initialConversation } from './state.ts';
import { step } from './step.ts';
import type { Session, SessionOptions } from './types.ts';

/**
 * One conversation, as wiring: VAD, STT, text and push-to-talk come in as events for the
 * state machine (`step`); its commands go out to the replies, the mic gate and the one timer.
 */
export function createSession(options: SessionOptions): Session {
  // Per-session model resources (one vendor TTS socket for all replies), closed with the session.
  const sessionTts = options.models.tts.openSession?.();
  if (sessionTts) options = { ...options, models: { ...options.models, tts: sessionTts } };
  const { agent, models } = options;
  const clock = options.clock ?? systemClock;
  const now = () => clock.now();
  const config = resolveConfig(options);
  const id = options.id ?? randomUUID();
  const root = new AbortController();
  const events = createEmitter();
  const history: ChatMessage[] = [{ role: 'system', content: agent.systemPrompt }];
  const input = new AudioInput(config.policy.pushToTalk);
  const echo = options.echoCanceller;
  const echoShares = new EchoShareTracker();
  const echoInput = echo && createEchoInput(echo);
  const background = new Set<Promise<void>>();
  let closed = false;
  let state = initialConversation(config.policy, now());
  let cancelTimer: (() => void) | undefined;
  const queue: ConversationEvent[] = [];
  let pumping = false;

  /**
   * Events of prepared replies, held until the turn ends with their words (then sent in
   * order) or dropped for good when discarded: a discarded preparation leaves no trace.
   */
  const held = new Map<number, SessionEvent[] | 'discarded'>();
  const emit = (event: SessionEvent) => {
    if (closed) return;
    const turnId = 'turnId' in event ? event.turnId : undefined;
    const holding = turnId === undefined ? undefined : held.get(turnId);
    if (holding === 'discarded') return;
    if (holding !== undefined) holding.push(event);
    else events.emit(event);
  };
  /** Every failure of every stage comes through here: one normaliser, one error event. */
  const fail = (error: unknown, stage: Stage, provider?: string) => {
    if (closed || isAbortError(error)) return;
    emit({ type: 'error', fatal: false, error: normaliseError(error, stage, provider) });
  };
  /** A reply's failures: held with the events of a prepared reply, dropped with a discarded one. */
  const failFor = (turnId: number) => (error: unknown, stage: Stage, provider?: string) => {
    const holding = held.get(turnId);
    if (holding === 'discarded') return;
    if (holding === undefined) return fail(error, stage, provider);
    if (!isAbortError(error)) {
      holding.push({ type: 'error', fatal: false, error: normaliseError(error, stage, provider) });
    }
  };
  /** Events are stepped one at a time, in order, even when a command causes another. */
  const dispatch = (event: ConversationEvent) => {
    if (closed) return;
    queue.push(event);
    if (pumping) return;
    pumping = true;
    try {
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
        const result = step(state, next);
        state = result.state;
        for (const command of result.commands) carry(command);
      }
    } finally {
      pumping = false;
    }
  };

  const context = { id, options, config, clock, history, emit, dispatch, fail };
  const replies = createReplies({
    ...context,
    failFor,
    signal: root.signal,
    runDeps: replyRunDeps({ ...context, signal: root.signal, background }),
    onFrame: (chunk) => {
      echo?.pushFarEnd(chunk);
      echoInput?.farEnd(chunk, now());
    },
    onFirstAudio: (turnId) => {
      echoInput?.replyStarted();
      dispatch({ type: 'reply-first-audio', nowMs: now(), turnId });
    },
    onEnded: (turnId) => {
      held.delete(turnId);
      echo?.resetFarEnd();
      echoInput?.replyEnded();
      dispatch({ type: 'reply-ended', nowMs: now(), turnId });
    },
  });

  function carry(command: ConversationCommand): void {
    switch (command.type) {
      case 'start-reply':
        return replies.start(command);
      case 'cancel-reply':
        return replies.get(command.turnId)?.cancel();
      case 'prepare-reply': {
        held.set(command.turnId, []);
        const timing = { speechEndedAtMs: now(), detectedAtMs: now() };
        return replies.start({ ...command, timing, held: true });
      }
      case 'commit-reply': {
        const events = held.get(command.turnId);
        held.delete(command.turnId);
        if (Array.isArray(events)) for (const event of events) emit(event);
        return replies.commit(command.turnId, command.timing);
      }
      case 'discard-reply':
        held.set(command.turnId, 'discarded');
        return replies.get(command.turnId)?.cancel();
      case 'pause':
        replies.get(command.turnId)?.pause(now());
        return;
      case 'resume':
        replies.get(command.turnId)?.resume();
        return;
      case 'interrupt':
      case 'retract-reply': {
        const handle = replies.get(command.turnId);
        if (command.playedMs !== undefined) handle?.notePlayback(command.playedMs);
        const args = [now(), command.onsetMs, config.outputLeadMs] as const;
        const heardText =
          command.type === 'interrupt' ? handle?.interrupt(...args) : handle?.retract(...args);
        echo?.resetFarEnd();
        if (heardText !== undefined) emit({ type: 'interrupt', turnId: command.turnId, heardText });
        return;
      }
      case 'emit':
        return emit(command.event);
      case 'schedule':
        cancelTimer?.();
        cancelTimer = clock.setTimer(command.atMs - now(), () => {
          cancelTimer = undefined;
          dispatch({ type: 'deadline', nowMs: now() });
        });
        return;
      case 'cancel-deadline':
        cancelTimer?.();
        cancelTimer = undefined;
        return;
      case 'open-mic':
      case 'close-mic':
        return input.setOpen(command.type === 'open-mic');
      case 'finalize-stt':
        return input.finalize();
    }
  }

  const loopDeps: InputLoopDeps = {
    ...models,
    agent,
    input,
    echoShares,
    signal: root.signal,
    now,
    isClosed: () => closed,
    emit,
    dispatch,
    fail,
    ...(echoInput && {
      ownVoice: (part) => {
        if (part.type === 'speech-end') return echoInput.speechEnd();
        const verdict = echoInput.speechStart(part.atMs, input.receivedMs);
        if (!verdict.ownVoice) input.pushToStt(verdict.stt);
        return verdict.ownVoice;
      },
    }),
  };
  watchEngineLag(loopDeps);
  const loops = [runVadLoop(loopDeps), runSttLoop(loopDeps)];
  if (options.greet !== false && agent.greeting) {
    dispatch({ type: 'greet', nowMs: now(), text: agent.greeting });
  }

  /** A person talking inside a stretch the VAD opened on echo: their onset, as the VAD's would be. */
  const personTookOver = (atMs: number, echoShare: number) => {
    emit({ type: 'user.speech-start', atMs });
    const onsetMs = now() - Math.max(0, input.receivedMs - atMs);
    dispatch({ type: 'vad-start', nowMs: now(), onsetMs, echoShare });
  };

  const pushAudio = (chunk: AudioChunk) => {
    if (closed) return;
    input.check(chunk);
    let pushed: boolean;
    if (echoInput && input.open) {
      const startMs = input.receivedMs;
      const result = echoInput.near(chunk, startMs, now());
      const durationMs = (chunk.samples.length * 1000) / chunk.sampleRate;
      echoShares.note(startMs + durationMs, durationMs, result.echoShare);
      pushed = input.push(result.cleaned, result.stt);
      if (result.takeOver) personTookOver(result.takeOver.atMs, result.takeOver.echoShare);
    } else {
      pushed = input.push(chunk);
    }
    if (!pushed) {
      const message = 'Speech engines are falling behind; audio was dropped';
      fail(new ProviderError(message, { provider: 'session', retryable: true }), 'session');
    }
  };

  return {
    id,
    agent,
    outputSampleRate: config.outputSampleRate,
    get history() {
      return history;
    },
    pushAudio,
    sendText(text: string) {
      const trimmed = text.trim();
      if (closed || trimmed === '') return;
      emit({ type: 'transcript.final', text: trimmed });
      dispatch({ type: 'text', nowMs: now(), text: trimmed });
    },
    setPlaybackPosition(turnId: number, playedMs: number) {
      const handle = replies.get(turnId);
      if (closed || !handle || !Number.isFinite(playedMs) || playedMs < 0) return;
      handle.notePlayback(playedMs);
      echo?.notePlayback?.(playedMs);
      dispatch({ type: 'playback', nowMs: now(), turnId, playedMs });
    },
    cancelReply: () => {
      if (!closed) dispatch({ type: 'cancel', nowMs: now() });
    },
    pttDown: () => dispatch({ type: 'ptt-down', nowMs: now() }),
    pttUp: () => dispatch({ type: 'ptt-up', nowMs: now() }),
    recordFallback: (label: string) => replies.recordFallback(label),
    subscribe: (listener) => events.subscribe(listener),
    async close() {
      if (closed) return;
      closed = true;
      cancelTimer?.();
      root.abort();
      input.close();
      replies.stopAll();
      await Promise.allSettled([...loops, replies.done(), ...background]);
      await sessionTts?.close();
      echo?.close();
      events.close();
    },
  };
}
