import { randomUUID } from 'node:crypto';
import { AudioInput } from '../listen/audio-input.ts';
import { EchoShareTracker } from '../listen/echo-share.ts';
import type { AudioChunk } from '../spec/audio.ts';
import { ProviderError } from '../spec/errors.ts';
import type { SessionEvent } from '../spec/events.ts';
import { ANONYMOUS_CALLER } from '../spec/identity.ts';
import type { ChatMessage } from '../spec/llm.ts';
import { isAbortError } from '../stream/abort.ts';
import { systemClock } from '../stream/system-clock.ts';
import { createToolRegistry } from '../tools/registry.ts';
import { resolveConfig } from './config.ts';
import { createEmitter } from './emitter.ts';
import { apologyFor, normaliseError, type Stage } from './errors.ts';
import { createReplies } from './replies.ts';
import type { RunTurnDeps } from './run-turn.ts';
import { type ConversationCommand, type ConversationEvent, initialConversation } from './state.ts';
import { step } from './step.ts';
import type { Session, SessionOptions } from './types.ts';

/**
 * One conversation: wiring only. Audio and words come in as events for the state machine
 * (`step`); its commands go out to the replies, the mic gate and the one timer.
 */
export function createSession(options: SessionOptions): Session {
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
  const background = new Set<Promise<void>>();
  let closed = false;
  let state = initialConversation(config.policy, now());
  let cancelTimer: (() => void) | undefined;
  const queue: ConversationEvent[] = [];
  let pumping = false;

  const emit = (event: SessionEvent) => {
    if (!closed) events.emit(event);
  };
  const fail = (error: unknown, stage: Stage, provider?: string) => {
    if (closed || isAbortError(error)) return;
    emit({ type: 'error', fatal: false, error: normaliseError(error, stage, provider) });
  };
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

  const runDeps: RunTurnDeps = {
    answer: {
      sessionId: id,
      caller: options.caller ?? ANONYMOUS_CALLER,
      clock,
      llm: models.llm,
      tools: createToolRegistry(agent.tools, { clock }),
      retriever: options.retriever,
      cache: options.cache,
      voiceKey: config.voiceKey,
      filler: config.filler,
      language: agent.language,
      maxToolRounds: config.maxToolRounds,
      emit: (event) => {
        emit(event);
        if (event.type === 'tool.call' || event.type === 'tool.result') {
          const running = event.type === 'tool.call';
          dispatch({ type: 'tool-progress', nowMs: now(), turnId: event.turnId, running });
        }
      },
      fail,
      apology: apologyFor(agent.language),
    },
    history,
    cache: options.cache,
    voiceKey: config.voiceKey,
    outputSampleRate: config.outputSampleRate,
    outputLeadMs: config.outputLeadMs,
    now,
    emit,
    fail,
    afterTurn: (task) => {
      const done: Promise<void> = task(root.signal).finally(() => background.delete(done));
      background.add(done);
    },
  };
  const replies = createReplies({
    options,
    config,
    clock,
    signal: root.signal,
    emit,
    fail,
    runDeps,
    onFrame: (chunk) => echo?.pushFarEnd(chunk),
    onFirstAudio: (turnId) => dispatch({ type: 'reply-first-audio', nowMs: now(), turnId }),
    onEnded: (turnId) => {
      echo?.resetFarEnd();
      dispatch({ type: 'reply-ended', nowMs: now(), turnId });
    },
  });

  function carry(command: ConversationCommand): void {
    switch (command.type) {
      case 'start-reply':
        return replies.start(command);
      case 'cancel-reply':
        return replies.get(command.turnId)?.cancel();
      case 'pause':
        replies.get(command.turnId)?.pause(now());
        return;
      case 'resume':
        replies.get(command.turnId)?.resume();
        return;
      case 'interrupt': {
        const handle = replies.get(command.turnId);
        if (command.playedMs !== undefined) handle?.notePlayback(command.playedMs);
        const heardText = handle?.interrupt(now(), command.onsetMs, config.outputLeadMs);
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

  const vadLoop = (async () => {
    for await (const part of models.vad.stream({ audio: input.vadAudio, signal: root.signal })) {
      if (closed) return;
      if (part.type === 'error') {
        fail(part.error, 'vad', models.vad.provider);
        continue;
      }
      // VAD times are audio ms; audio arrives in real time, so its lag maps them onto the clock.
      const atClockMs = now() - Math.max(0, input.receivedMs - part.atMs);
      emit({ type: `user.${part.type}`, atMs: part.atMs });
      if (part.type === 'speech-start') {
        const echoShare = echoShares.shareSince(part.atMs);
        dispatch({ type: 'vad-start', nowMs: now(), onsetMs: atClockMs, echoShare });
      } else {
        dispatch({ type: 'vad-end', nowMs: now(), endedAtMs: atClockMs });
      }
    }
  })().catch((error: unknown) => fail(error, 'vad', models.vad.provider));

  const sttLoop = (async () => {
    const parts = models.stt.stream({
      audio: input.sttAudio,
      sampleRate: input.sampleRate,
      language: agent.language,
      signal: root.signal,
      ...(agent.vocabulary !== undefined && { vocabulary: agent.vocabulary }),
    });
    for await (const part of parts) {
      if (closed) return;
      if (part.type === 'error') {
        fail(part.error, 'stt', models.stt.provider);
        continue;
      }
      if (part.text.trim() !== '') emit({ type: `transcript.${part.type}`, text: part.text });
      dispatch({
        type: part.type === 'final' ? 'stt-final' : 'stt-interim',
        nowMs: now(),
        text: part.text,
      });
    }
  })().catch((error: unknown) => fail(error, 'stt', models.stt.provider));

  if (options.greet !== false && agent.greeting) {
    dispatch({ type: 'greet', nowMs: now(), text: agent.greeting });
  }

  const pushAudio = (chunk: AudioChunk) => {
    if (closed) return;
    input.check(chunk);
    let cleaned = chunk;
    if (echo && input.open) {
      const result = echo.processNearEnd(chunk);
      const durationMs = (chunk.samples.length * 1000) / chunk.sampleRate;
      echoShares.note(input.receivedMs + durationMs, durationMs, result.echoShare);
      cleaned = result.cleaned;
    }
    if (!input.push(cleaned)) {
      const error = new ProviderError('Speech engines are falling behind; audio was dropped', {
        provider: 'session',
        retryable: true,
      });
      fail(error, 'session');
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
    pttDown: () => dispatch({ type: 'ptt-down', nowMs: now() }),
    pttUp: () => dispatch({ type: 'ptt-up', nowMs: now() }),
    recordFallback: (label: string) => replies.latest()?.recordFallback(label),
    subscribe: (listener) => events.subscribe(listener),
    async close() {
      if (closed) return;
      closed = true;
      cancelTimer?.();
      root.abort();
      input.close();
      replies.stopAll();
      await Promise.allSettled([vadLoop, sttLoop, replies.done(), ...background]);
      echo?.close();
      events.close();
    },
  };
}
