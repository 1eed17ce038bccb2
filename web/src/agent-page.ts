import type { ServerMessage } from '../../src/transport/messages.ts';
import { startCapture, type Capture } from './capture.ts';
import {
  INITIAL_CALL,
  MAX_RECONNECT_ATTEMPTS,
  stepCall,
  type CallInput,
  type CallPhase,
} from './call/call-state.ts';
import { HeaderView } from './call/header-view.ts';
import { LatencyView } from './call/latency-view.ts';
import { frameRms } from './call/level-meter.ts';
import { NOT_CAUGHT_AFTER_MS, pressProblem } from './call/press-feedback.ts';
import { pageLanguage, stringsFor, type Strings } from './call/strings.ts';
import { TurnLatency } from './call/turn-latency.ts';
import { Composer } from './composer.ts';
import { createDebug, recordMicLevel, type ParleyDebug } from './debug.ts';
import { element } from './element.ts';
import { Player } from './player.ts';
import { ProtocolClient, socketUrl } from './protocol-client.ts';
import { TranscriptView } from './transcript/transcript-view.ts';
import type { PlaybackReport } from './worklets/playback-messages.ts';

export interface AgentPageHooks {
  /** Every server message, after the shared handling (call state, transcript, audio). */
  onMessage?(message: ServerMessage): void;
  /** Every playback report (ms of a turn's audio actually played), before the shared handling. */
  onPlayback?(report: PlaybackReport): void;
  /** Return false to drop a microphone frame before it leaves the page. */
  allowFrame?(): boolean;
  /** The call's phase, microphone or mute changed. */
  onCall?(call: CallSnapshot): void;
  /** A reply sentence that is a safety alert: its reply is shown whole at once, `role=alert`. */
  isAlert?(text: string): boolean;
}

export interface CallSnapshot {
  readonly phase: CallPhase;
  readonly micOpen: boolean;
  readonly muted: boolean;
  readonly pushToTalk: boolean;
}

export interface AgentPage {
  readonly header: HeaderView;
  readonly transcript: TranscriptView;
  readonly composer: Composer;
  /** Where an agent's page puts its own panels: under the header, above the transcript. */
  readonly panels: HTMLElement;
  readonly strings: Strings;
  readonly language: 'en' | 'es';
  readonly debug: ParleyDebug;
  readonly call: CallSnapshot;
  /** The player's output latency; 0 before `session.ready`. */
  readonly outputLatencyMs: number;
  /** The key of a turn of the current session, as the transcript uses it. */
  turnKey(turnId: number): string;
  /** Sends typed text now, or keeps it until the call connects (starting the call if idle). */
  sendText(text: string): void;
  /** Starts a push-to-talk press; false when the microphone is not open (or muted). */
  pttDown(): boolean;
  pttUp(): void;
}

const LIVE: readonly CallPhase[] = [
  'listening',
  'user-speaking',
  'thinking',
  'agent-speaking',
  'paused',
  'interrupted',
];

/**
 * A conversation page: the call header, the agent's panels, the transcript and
 * the text box, wired to the socket, microphone and player. The agent comes
 * from `?agent=` or `<body data-agent>`; `?token=` is passed on; `?rawMic=1`
 * turns the browser's echo cancellation, noise suppression and gain control
 * off (for fake capture devices in tests). `document.body.dataset.speaking`
 * is 'true' while agent audio plays.
 */
export function startAgentPage(root: HTMLElement, hooks: AgentPageHooks = {}): AgentPage {
  const params = new URLSearchParams(location.search);
  const agentId = params.get('agent') ?? document.body.dataset['agent'] ?? '';
  const token = params.get('token') ?? undefined;
  const micProcessing = params.get('rawMic') !== '1';
  const language = pageLanguage(document.documentElement.lang || 'en');
  const strings = stringsFor(language);
  const debug = createDebug();
  const header = new HeaderView(document.title, strings, {
    start: () => startCall(),
    end: () => dispatch({ type: 'call.end' }),
    toggleMute: () => setMuted(!muted),
  });
  const panels = element('div', { class: 'panels' });
  const transcript = new TranscriptView(strings);
  const composer = new Composer(strings, {
    sendText: (text) => page.sendText(text),
    pttDown: () => void page.pttDown(),
    pttUp: () => page.pttUp(),
  });
  root.append(header.element, panels, transcript.element, composer.element);

  let call = INITIAL_CALL;
  let client: ProtocolClient | undefined;
  let player: Player | undefined;
  let capture: Capture | undefined;
  let sessionId: string | undefined;
  let pushToTalk = false;
  let micOpen = false;
  let muted = false;
  /** Turn whose audio frames are arriving; undefined after an interrupt until the next start. */
  let audioTurn: number | undefined;
  let press: { startMs: number; peakRms: number } | undefined;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  let notCaughtTimer: ReturnType<typeof setTimeout> | undefined;
  let meterFrame: number | undefined;
  const queued: { text: string; item: HTMLLIElement }[] = [];
  const latencyViews = new Map<string, LatencyView>();
  const turnKey = (turnId: number) => `${sessionId ?? 'none'}:${turnId}`;
  const isLive = () => LIVE.includes(call.phase);

  const latency = new TurnLatency((key, figures) => {
    const line = transcript.existingReply(key);
    if (!line) return;
    let view = latencyViews.get(key);
    if (!view) {
      view = new LatencyView(strings, language);
      latencyViews.set(key, view);
      line.item.append(view.element);
    }
    view.update(figures);
  });

  /** Messages and audio are handled one after another, even while the player is being created. */
  let pending: Promise<void> = Promise.resolve();
  const inOrder = (task: () => void | Promise<void>) => {
    pending = pending.then(task).catch((error: unknown) => {
      debug.errors.push(String(error));
      transcript.notice(`${error instanceof Error ? error.message : String(error)}`, 'problem');
    });
  };

  const render = () => {
    const phase = call.phase;
    let detail = '';
    if (!agentId) detail = strings.noAgent;
    else if (call.reason && (phase === 'failed' || phase === 'ended' || phase === 'reconnecting'))
      detail = strings.reason(call.reason, agentId);
    else if (phase === 'listening' && pushToTalk) detail = strings.pttHint;
    const canStart = agentId !== '' && call.reason?.kind !== 'unknown-agent';
    header.show(phase, detail, { canStart, micOpen });
    composer.setPushToTalk(pushToTalk && isLive(), micOpen && !muted && isLive());
    debug.state = phase;
    debug.micOpen = micOpen;
    debug.muted = muted;
    hooks.onCall?.(page.call);
  };

  const dispatch = (input: CallInput) => {
    const before = call;
    const step = stepCall(call, input);
    call = step.state;
    if (step.closeSocket) closeClient();
    if (step.reconnectInMs !== undefined) scheduleReconnect(step.reconnectInMs);
    if (call === before) return;
    if (call.phase === 'reconnecting' && before.phase !== 'reconnecting' && before.everReady)
      transcript.notice(strings.reason({ kind: 'dropped', detail: '' }, agentId), 'problem');
    const over = call.phase === 'ended' || call.phase === 'failed';
    if (over && before.phase !== call.phase) {
      releaseMedia();
      if (call.reason && call.reason.kind !== 'hung-up')
        transcript.notice(strings.reason(call.reason, agentId), 'problem');
      else transcript.divider(strings.phase.ended);
    }
    render();
    if (call.phase === 'reconnecting' && step.reconnectInMs !== undefined)
      header.detail(
        `${strings.reason(call.reason ?? { kind: 'unreachable' }, agentId)} ${strings.reconnectIn(
          Math.round(step.reconnectInMs / 100) / 10,
          call.attempt,
          MAX_RECONNECT_ATTEMPTS,
        )}`,
      );
    if (over) header.focusStart();
  };

  const closeClient = () => {
    const old = client;
    client = undefined;
    old?.close();
  };

  const scheduleReconnect = (delayMs: number) => {
    clearTimeout(reconnectTimer);
    player?.flush();
    audioTurn = undefined;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      if (call.phase === 'reconnecting') connect();
    }, delayMs);
  };

  const connect = () => {
    const own: { client?: ProtocolClient } = {};
    const mine = () => own.client !== undefined && own.client === client;
    own.client = new ProtocolClient(socketUrl(location), {
      onState(state, detail) {
        if (!mine()) return;
        if (state === 'open') {
          dispatch({ type: 'socket.open' });
          client?.send({
            type: 'session.start',
            agent: agentId,
            sampleRate: 16_000,
            ...(token ? { token } : {}),
          });
        }
        if (state === 'closed') {
          client = undefined;
          dispatch({ type: 'socket.closed', detail: detail ?? 'closed' });
        }
      },
      onMessage: (message) => inOrder(() => (mine() ? onMessage(message) : undefined)),
      onAudio: (samples) => inOrder(() => (mine() ? onAudio(samples) : undefined)),
      onBadFrame(error) {
        debug.errors.push(`${error.name}: ${error.message}`);
      },
    });
    client = own.client;
  };

  const startCall = () => {
    if (!agentId) return;
    clearTimeout(reconnectTimer);
    dispatch({ type: 'call.start' });
    if (call.phase !== 'connecting') return;
    connect();
    const tick = () => {
      header.agent.set(player && call.phase === 'agent-speaking' ? player.level() : 0);
      meterFrame = requestAnimationFrame(tick);
    };
    if (meterFrame === undefined) meterFrame = requestAnimationFrame(tick);
  };

  const releaseMedia = () => {
    clearTimeout(reconnectTimer);
    clearTimeout(notCaughtTimer);
    if (meterFrame !== undefined) cancelAnimationFrame(meterFrame);
    meterFrame = undefined;
    closeClient();
    const [oldCapture, oldPlayer] = [capture, player];
    capture = undefined;
    player = undefined;
    micOpen = false;
    audioTurn = undefined;
    press = undefined;
    header.mic.set(0);
    header.agent.set(0);
    document.body.dataset['speaking'] = 'false';
    inOrder(async () => {
      await Promise.all([oldCapture?.stop(), oldPlayer?.close()]);
    });
  };

  const setMuted = (value: boolean) => {
    if (value && press) page.pttUp();
    muted = value;
    header.setMuted(muted);
    render();
  };

  const onFrame = (frame: Int16Array) => {
    const rms = frameRms(frame);
    header.mic.set(muted ? 0 : rms);
    if (press) press.peakRms = Math.max(press.peakRms, rms);
    if (muted || (hooks.allowFrame && !hooks.allowFrame())) return;
    recordMicLevel(debug, frame);
    debug.framesSent += 1;
    client?.sendAudio(frame);
  };

  const openMicrophone = async () => {
    try {
      const opened = await startCapture(onFrame, {
        echoCancellation: micProcessing,
        noiseSuppression: micProcessing,
        autoGainControl: micProcessing,
      });
      if (!isLive()) return void (await opened.stop()); // the call ended while asking
      capture = opened;
      micOpen = true;
      render();
    } catch (error) {
      micOpen = false;
      const detail = error instanceof Error ? error.message : String(error);
      transcript.notice(strings.noMic(detail), 'problem');
      render();
    }
  };

  const feedback = (text: string) => {
    debug.pttFeedback = text;
    header.say(text);
    transcript.notice(text);
  };

  const onPlayback = (report: PlaybackReport) => {
    hooks.onPlayback?.(report);
    if (report.turnId < 0) return;
    const key = turnKey(report.turnId);
    if (report.type === 'started') {
      document.body.dataset['speaking'] = 'true';
      latency.playbackStarted(key, performance.now(), player?.outputLatencyMs ?? 0);
      dispatch({ type: 'playback.started', turnId: report.turnId });
      return;
    }
    if (report.type === 'position') transcript.existingReply(key)?.played(report.playedMs);
    if (report.type === 'ended' || report.type === 'flushed') {
      document.body.dataset['speaking'] = 'false';
      if (report.type === 'ended') transcript.existingReply(key)?.finished();
      else debug.flushes += 1;
      dispatch({ type: 'playback.ended', turnId: report.turnId });
    }
    debug.playedMsByTurn[report.turnId] = report.playedMs;
    debug.positionsSent += 1;
    client?.send({
      type: 'playback.position',
      turnId: report.turnId,
      playedMs: Math.round(report.playedMs),
    });
  };

  const onReady = async (message: Extract<ServerMessage, { type: 'session.ready' }>) => {
    const previous = sessionId;
    sessionId = message.sessionId;
    debug.sessionId = sessionId;
    if (previous !== undefined && previous !== sessionId) transcript.divider(strings.newSession);
    header.setTitle(message.agent.title);
    document.title = message.agent.title;
    pushToTalk = message.agent.inputMode === 'push-to-talk';
    const old = player;
    player = undefined;
    await old?.close();
    player = await Player.create(message.outputSampleRate, onPlayback);
    if (!capture) void openMicrophone();
    for (const { text, item } of queued.splice(0)) {
      item.remove(); // the server echoes it back as transcript.final
      client?.send({ type: 'text.input', text });
    }
  };

  const onMessage = async (message: ServerMessage) => {
    if (message.type === 'session.ready') await onReady(message);
    dispatch(message);
    switch (message.type) {
      case 'transcript.interim':
        transcript.interim(message.text);
        break;
      case 'transcript.final':
        clearTimeout(notCaughtTimer);
        transcript.userSaid(message.text);
        break;
      case 'turn.start':
        clearTimeout(notCaughtTimer);
        latency.turnStarted(turnKey(message.turnId));
        break;
      case 'agent.text': {
        const line = transcript.reply(turnKey(message.turnId));
        line.addSentence(message.text);
        if (hooks.isAlert?.(message.text)) line.makeAlert();
        break;
      }
      case 'agent.word':
        transcript.reply(turnKey(message.turnId)).addWordTiming(message.startMs, message.word);
        break;
      case 'filler':
        transcript.filler(message.text);
        break;
      case 'agent.audio.start':
        audioTurn = message.turnId;
        latency.audioStarted(turnKey(message.turnId), performance.now());
        player?.start(message.turnId);
        break;
      case 'agent.audio.end':
        player?.end(message.turnId);
        if (audioTurn === message.turnId) audioTurn = undefined;
        break;
      case 'interrupt':
        debug.interrupts += 1;
        audioTurn = undefined;
        player?.flush();
        transcript
          .existingReply(turnKey(message.turnId))
          ?.interrupted(message.heardText, strings.interruptedTag);
        break;
      case 'error':
        debug.errors.push(`${message.code}: ${message.message}`);
        if (!HANDLED_BY_CALL.includes(message.code)) transcript.notice(message.message, 'problem');
        break;
      case 'metrics.turn':
        latency.metrics(turnKey(message.metrics.turnId), message.metrics);
        break;
      case 'session.ready':
      case 'user.speech-start':
      case 'user.speech-end':
      case 'turn.end':
      case 'agent.paused':
      case 'agent.resumed':
      case 'tool.call':
      case 'tool.progress':
      case 'tool.result':
        break;
    }
    hooks.onMessage?.(message);
  };

  const onAudio = (samples: Int16Array) => {
    if (audioTurn === undefined || !player) {
      debug.audioFramesDropped += 1;
      return;
    }
    debug.audioFramesReceived += 1;
    debug.audioFramesByTurn[audioTurn] = (debug.audioFramesByTurn[audioTurn] ?? 0) + 1;
    player.push(audioTurn, samples);
  };

  let pttHeld = false;
  const page: AgentPage = {
    header,
    transcript,
    composer,
    panels,
    strings,
    language,
    debug,
    get call() {
      return { phase: call.phase, micOpen, muted, pushToTalk };
    },
    get outputLatencyMs() {
      return player?.outputLatencyMs ?? 0;
    },
    turnKey,
    sendText(text) {
      if (isLive() && client?.isOpen) {
        client.send({ type: 'text.input', text }); // the server echoes it as transcript.final
        return;
      }
      queued.push({ text, item: transcript.userSaid(text, { queued: true }) });
      if (call.phase === 'idle' || call.phase === 'ended' || call.phase === 'failed') startCall();
    },
    pttDown() {
      if (pttHeld) return true;
      if (!micOpen || muted || !isLive()) return false;
      pttHeld = true;
      press = { startMs: performance.now(), peakRms: 0 };
      clearTimeout(notCaughtTimer);
      composer.setHeld(true);
      client?.send({ type: 'ptt.down' });
      dispatch({ type: 'ptt.down' });
      return true;
    },
    pttUp() {
      if (!pttHeld) return;
      pttHeld = false;
      composer.setHeld(false);
      client?.send({ type: 'ptt.up' });
      dispatch({ type: 'ptt.up' });
      const nowMs = performance.now();
      latency.pttReleased(nowMs);
      const held = press;
      press = undefined;
      const problem = held && pressProblem({ heldMs: nowMs - held.startMs, peakRms: held.peakRms });
      if (problem === 'too-short') return feedback(strings.pressTooShort);
      if (problem === 'silent') return feedback(strings.pressSilent);
      clearTimeout(notCaughtTimer);
      notCaughtTimer = setTimeout(() => feedback(strings.pressNotCaught), NOT_CAUGHT_AFTER_MS);
    },
  };
  render();
  return page;
}

/** Errors the call header explains itself (a refusal, an expiry). */
const HANDLED_BY_CALL: readonly string[] = [
  'unknown-agent',
  'unauthorized',
  'unsupported-sample-rate',
  'session-failed',
  'session-expired',
];
