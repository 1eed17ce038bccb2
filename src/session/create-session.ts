import { randomUUID } from 'node:crypto';
import type { AudioChunk } from '../spec/audio.ts';
import { ParleyError, ProviderError } from '../spec/errors.ts';
import type { SessionEvent } from '../spec/events.ts';
import { ANONYMOUS_CALLER } from '../spec/identity.ts';
import type { ChatMessage } from '../spec/llm.ts';
import { isAbortError } from '../stream/abort.ts';
import { isBackchannel } from '../turn/backchannel.ts';
import { systemClock } from '../stream/system-clock.ts';
import { createToolRegistry } from '../tools/registry.ts';
import {
  createShareHistory,
  isOwnVoiceOnset,
  TAKE_OVER_WINDOW_MS,
  userTookOver,
} from '../audio/echo/own-voice.ts';
import { createEchoSttGate } from '../audio/echo/stt-gate.ts';
import { AudioInput } from './audio-input.ts';
import { AudioOutput } from './audio-output.ts';
import { BargeInRunner } from './barge-in-runner.ts';
import { resolveConfig } from './config.ts';
import { ReplySpeech } from './reply-speech.ts';
import { TurnDetector, type UserTurn } from './turn-detector.ts';
import { ActiveTurn, type TurnInput } from './active-turn.ts';
import { type TurnDeps, runTurn } from './turn-runner.ts';
import type { Session, SessionListener, SessionOptions } from './types.ts';

/** How long after the agent's last frame its echo may still come back. */
const ECHO_TAIL_MS = 1_000;

/** Wires VAD, STT, turn-taking, LLM, tools and TTS for one conversation. */
export function createSession(options: SessionOptions): Session {
  const { agent, models } = options;
  const clock = options.clock ?? systemClock;
  const config = resolveConfig(options);
  const id = options.id ?? randomUUID();
  const root = new AbortController();
  const listeners = new Set<SessionListener>();
  const history: ChatMessage[] = [{ role: 'system', content: agent.systemPrompt }];
  const input = new AudioInput(config.pushToTalk);
  let closed = false;
  let turnCounter = 0;
  let current: ActiveTurn | undefined;
  let chain: Promise<void> = Promise.resolve();
  // TEMPORARY echo wiring (the lead replaces it with core's seam): input through the canceller,
  // sent frames as its far end, and VAD segments / transcripts of the agent's own voice ignored.
  const echo = options.echoCanceller;
  const echoShares = createShareHistory();
  const sttGate = createEchoSttGate();
  let echoSegment = false;
  let lastAgentFrameAtMs = Number.NEGATIVE_INFINITY;
  /** The agent is playing, or its echo may still be coming back. */
  const agentEchoPossible = () =>
    current?.audible === true || clock.now() - lastAgentFrameAtMs < ECHO_TAIL_MS;

  const emit = (event: SessionEvent) => {
    if (closed) return;
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error: unknown) {
        console.error('parley: a session listener threw', error);
      }
    }
  };

  const deps: TurnDeps = {
    sessionId: id,
    caller: options.caller ?? ANONYMOUS_CALLER,
    clock,
    config,
    models,
    tools: createToolRegistry(agent.tools, { clock }),
    retriever: options.retriever,
    cache: options.cache,
    voice: agent.voice ?? {},
    emit,
    history,
  };

  const startTurn = (turnInput: TurnInput) => {
    const output = new AudioOutput({
      clock,
      sampleRate: config.outputSampleRate,
      frameMs: config.outputFrameMs,
      leadMs: config.outputLeadMs,
      maxBufferedMs: config.maxBufferedMs,
      sendFrame: (samples, offsetMs) => {
        echo?.pushFarEnd({ samples, sampleRate: config.outputSampleRate });
        lastAgentFrameAtMs = clock.now();
        if (offsetMs === 0) {
          emit({
            type: 'agent.audio.start',
            turnId: turnInput.turnId,
            sampleRate: config.outputSampleRate,
          });
        }
        emit({
          type: 'agent.audio',
          turnId: turnInput.turnId,
          chunk: { samples, sampleRate: config.outputSampleRate },
          offsetMs,
        });
      },
    });
    const turn = new ActiveTurn(
      turnInput,
      root.signal,
      output,
      (signal) =>
        new ReplySpeech({
          turnId: turnInput.turnId,
          tts: models.tts,
          output,
          clock,
          signal,
          sampleRate: config.outputSampleRate,
          language: agent.language,
          ...(agent.voice?.voice !== undefined && { voice: agent.voice.voice }),
          ...(agent.voice?.speakingRate !== undefined && {
            speakingRate: agent.voice.speakingRate,
          }),
          emit,
          captureAudio: options.cache !== undefined,
        }),
    );
    const previous = chain;
    current = turn;
    turn.done = (async () => {
      await previous;
      if (turn.controller.signal.aborted && turn.superseded) {
        turn.output.stop();
        turn.speech.finish();
      } else if (turnInput.userText !== '') {
        emit({ type: 'turn.start', turnId: turnInput.turnId, userText: turnInput.userText });
      }
      await runTurn(turn, deps);
    })()
      .catch((error: unknown) => reportError(error))
      .finally(() => {
        if (current === turn) current = undefined;
      });
    chain = turn.done;
  };

  const reportError = (error: unknown) => {
    if (isAbortError(error) || closed) return;
    emit({
      type: 'error',
      fatal: false,
      error: ParleyError.isInstance(error)
        ? error
        : new ProviderError(String((error as Error).message ?? error), {
            provider: 'session',
            retryable: false,
            cause: error,
          }),
    });
  };

  const interrupt = (onsetMs: number) => {
    const turn = current;
    const heardText = turn?.interrupt(clock.now(), onsetMs, config.outputLeadMs);
    if (turn && heardText !== undefined) {
      echo?.resetFarEnd();
      emit({ type: 'interrupt', turnId: turn.input.turnId, heardText });
    }
  };

  const bargeIn = new BargeInRunner(clock, config.interruption, (action, onsetMs) => {
    const turn = current;
    if (!turn) return;
    if (action === 'pause' && turn.pause(clock.now())) {
      emit({ type: 'agent.paused', turnId: turn.input.turnId });
    } else if (action === 'resume' && turn.resume()) {
      detector.discard();
      sttGate.shut();
      emit({ type: 'agent.resumed', turnId: turn.input.turnId });
    } else if (action === 'interrupt') {
      interrupt(onsetMs);
    }
  });

  const onUserTurn = (userTurn: UserTurn) => {
    sttGate.shut();
    const turn = current;
    if (turn?.audible) {
      // A backchannel the agent talked through is not a turn; anything else is a late barge-in.
      if (isBackchannel(userTurn.text, config.interruption.backchannels)) return;
      interrupt(clock.now());
    }
    let text = userTurn.text;
    if (turn && !turn.finished && !turn.output.started && turn.input.fixedReply === undefined) {
      // The user went on before the agent said anything: answer everything they said.
      turn.superseded = true;
      turn.controller.abort();
      text = `${turn.input.userText} ${text}`;
    }
    startTurn({
      turnId: ++turnCounter,
      userText: text,
      speechEndedAtMs: userTurn.speechEndedAtMs,
      detectedAtMs: userTurn.detectedAtMs,
      ...(userTurn.finalAtMs !== undefined && { finalAtMs: userTurn.finalAtMs }),
    });
  };

  const detector = new TurnDetector(clock, config.endOfTurn, onUserTurn, {
    pushToTalk: config.pushToTalk,
    isExpectedPhrase: config.isExpectedPhrase,
  });
  const agentAudible = () => current?.audible === true;

  const vadLoop = (async () => {
    for await (const part of models.vad.stream({ audio: input.vadAudio, signal: root.signal })) {
      if (closed) return;
      // VAD times are audio ms; audio arrives in real time, so its lag maps them onto the clock.
      const lagMs = part.type === 'error' ? 0 : Math.max(0, input.receivedMs - part.atMs);
      if (part.type === 'speech-start') {
        // Judged on the audio clock: the onset's own chunks, however late the VAD reports.
        echoSegment =
          echo !== undefined &&
          echoShares.agentPlayingAt(part.atMs) &&
          isOwnVoiceOnset(echoShares, part.atMs, Math.min(input.receivedMs, part.atMs + 200));
        if (echoSegment) continue;
        if (echo !== undefined) input.pushToStt(sttGate.open(part.atMs));
        emit({ type: 'user.speech-start', atMs: part.atMs });
        detector.speechStart();
        if (agentAudible() && !config.pushToTalk) bargeIn.speechStart(clock.now() - lagMs);
      } else if (part.type === 'speech-end') {
        if (echoSegment) continue;
        emit({ type: 'user.speech-end', atMs: part.atMs });
        if (!config.pushToTalk) detector.speechEnd(clock.now() - lagMs);
        bargeIn.speechEnd();
      } else {
        emit({ type: 'error', fatal: false, error: part.error });
      }
    }
  })().catch(reportError);

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
        emit({ type: 'error', fatal: false, error: part.error });
        continue;
      }
      if (part.text.trim() !== '') {
        emit({
          type: part.type === 'final' ? 'transcript.final' : 'transcript.interim',
          text: part.text,
        });
      }
      if (part.type === 'final') detector.final(part.text);
      else detector.interim(part.text);
      if (agentAudible() && !config.pushToTalk) {
        // Speech that began just before the agent's audio still counts as barging in.
        if (bargeIn.phase === 'idle' && detector.userSpeaking) bargeIn.speechStart();
        bargeIn.transcript(part.text);
      }
    }
  })().catch(reportError);

  if (options.greet !== false && agent.greeting) {
    const nowMs = clock.now();
    startTurn({
      turnId: ++turnCounter,
      userText: '',
      fixedReply: agent.greeting,
      speechEndedAtMs: nowMs,
      detectedAtMs: nowMs,
    });
  }

  return {
    id,
    agent,
    outputSampleRate: config.outputSampleRate,
    get history() {
      return history;
    },
    pushAudio(chunk: AudioChunk) {
      if (closed) return;
      let sttChunks: readonly AudioChunk[] | undefined;
      if (echo !== undefined) {
        const startMs = input.receivedMs;
        const result = echo.processNearEnd(chunk);
        const durationMs = (chunk.samples.length * 1000) / chunk.sampleRate;
        const echoPossible = agentEchoPossible();
        echoShares.record(startMs, startMs + durationMs, result.echoShare, echoPossible);
        sttChunks = sttGate.push(result.cleaned, startMs, echoPossible);
        const endMs = startMs + durationMs;
        // A person who starts talking inside a segment the VAD opened on echo: the VAD will
        // not report a second onset, so the share turning low takes the segment over.
        // Only while the agent plays (its echo tail decays faster than the share's reference)
        // and not in its first half second (the filter is still learning the new reply).
        const playingMs = current?.audible === true ? current.output.sentMs : 0;
        if (echoSegment && playingMs > 500 && userTookOver(echoShares, endMs)) {
          echoSegment = false;
          const onsetMs = endMs - TAKE_OVER_WINDOW_MS;
          emit({ type: 'user.speech-start', atMs: onsetMs });
          detector.speechStart();
          if (agentAudible() && !config.pushToTalk)
            bargeIn.speechStart(clock.now() - TAKE_OVER_WINDOW_MS);
          sttChunks = [...sttGate.open(onsetMs), ...sttChunks];
        }
        chunk = result.cleaned;
      }
      if (!input.push(chunk, sttChunks)) {
        emit({
          type: 'error',
          fatal: false,
          error: new ProviderError('Speech engines are falling behind; audio was dropped', {
            provider: 'session',
            retryable: true,
          }),
        });
      }
    },
    sendText(text: string) {
      const trimmed = text.trim();
      if (closed || trimmed === '') return;
      if (current?.audible) interrupt(clock.now());
      emit({ type: 'transcript.final', text: trimmed });
      onUserTurn({
        text: trimmed,
        speechEndedAtMs: clock.now(),
        detectedAtMs: clock.now(),
        finalAtMs: undefined,
      });
    },
    setPlaybackPosition(turnId: number, playedMs: number) {
      if (current?.input.turnId === turnId && Number.isFinite(playedMs) && playedMs >= 0) {
        current.reportedPlayedMs = Math.min(playedMs, current.output.sentMs);
        echo?.notePlayback?.(playedMs);
      }
    },
    pttDown() {
      if (closed) return;
      if (current?.audible) interrupt(clock.now());
      input.setOpen(true);
      detector.speechStart();
    },
    pttUp() {
      if (closed) return;
      input.setOpen(false);
      input.finalize();
      detector.release();
    },
    recordFallback(label: string) {
      current?.fallbacks.push(label);
    },
    subscribe(listener: SessionListener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      if (closed) return;
      closed = true;
      root.abort();
      input.close();
      detector.close();
      bargeIn.reset();
      current?.output.stop();
      await Promise.allSettled([vadLoop, sttLoop, chain]);
      echo?.close();
      listeners.clear();
    },
  };
}
