import type { ServerMessage } from '../../src/transport/messages.ts';
import type { AgentPage, AgentPageHooks } from './agent-page-types.ts';
import { CallMedia } from './call/call-media.ts';
import {
  INITIAL_CALL,
  MAX_RECONNECT_ATTEMPTS,
  stepCall,
  type CallInput,
  type CallPhase,
} from './call/call-state.ts';
import { HeaderView } from './call/header-view.ts';
import { frameRms } from './call/level-meter.ts';
import { PressTracker } from './call/press-tracker.ts';
import { pageLanguage, stringsFor } from './call/strings.ts';
import { TurnLatency } from './call/turn-latency.ts';
import { Composer } from './composer.ts';
import { createDebug, recordMicLevel } from './debug.ts';
import { element } from './element.ts';
import { ProtocolClient, socketUrl } from './protocol-client.ts';
import { showMessage } from './transcript/show-message.ts';
import { TranscriptView } from './transcript/transcript-view.ts';
import type { PlaybackReport } from './worklets/playback-messages.ts';

export type { AgentPage, AgentPageHooks, CallSnapshot } from './agent-page-types.ts';

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
  const transcript = new TranscriptView(strings, language);
  const composer = new Composer(strings, {
    sendText: (text) => page.sendText(text),
    pttDown: () => void page.pttDown(),
    pttUp: () => page.pttUp(),
  });
  root.append(header.element, panels, transcript.element, composer.element);

  const media = new CallMedia(header);
  const press = new PressTracker(strings, (text) => {
    debug.pttFeedback = text;
    header.say(text);
    transcript.notice(text);
  });
  let call = INITIAL_CALL;
  let client: ProtocolClient | undefined;
  let sessionId: string | undefined;
  /** The session on the current socket is ready: microphone audio may go out. */
  let live = false;
  /** This call asked for the microphone already (a refusal is not asked again on reconnect). */
  let micTried = false;
  let pushToTalk = false;
  let muted = false;
  /** Turn whose audio frames are arriving; undefined after an interrupt until the next start. */
  let audioTurn: number | undefined;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  const queued: { text: string; item: HTMLLIElement }[] = [];
  const turnKey = (turnId: number) => `${sessionId ?? 'none'}:${turnId}`;
  const isLive = () => LIVE.includes(call.phase);
  const latency = new TurnLatency((key, figures) => transcript.latency(key, figures));

  /** Messages and audio are handled one after another, even while the player is being created. */
  let pending: Promise<void> = Promise.resolve();
  const inOrder = (task: () => void | Promise<void>) => {
    pending = pending.then(task).catch((error: unknown) => {
      debug.errors.push(String(error));
      transcript.notice(error instanceof Error ? error.message : String(error), 'problem');
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
    header.show(phase, detail, { canStart, micOpen: media.micOpen });
    composer.setPushToTalk(pushToTalk && isLive(), media.micOpen && !muted && isLive());
    debug.state = phase;
    debug.micOpen = media.micOpen;
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
      releaseCall();
      if (call.reason && call.reason.kind !== 'hung-up')
        transcript.notice(strings.reason(call.reason, agentId), 'problem');
      else transcript.divider(strings.phase.ended);
    }
    render();
    if (call.phase === 'reconnecting' && step.reconnectInMs !== undefined) {
      const seconds = Math.round(step.reconnectInMs / 100) / 10;
      const why = strings.reason(call.reason ?? { kind: 'unreachable' }, agentId);
      header.detail(`${why} ${strings.reconnectIn(seconds, call.attempt, MAX_RECONNECT_ATTEMPTS)}`);
    }
    if (over) header.focusStart();
  };

  const closeClient = () => {
    const old = client;
    client = undefined;
    old?.close();
  };

  const scheduleReconnect = (delayMs: number) => {
    clearTimeout(reconnectTimer);
    media.player?.flush();
    audioTurn = undefined;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      if (call.phase === 'reconnecting') connect();
    }, delayMs);
  };

  /** The microphone first (once per call), so `session.start` says what the browser granted. */
  const startSession = async (mine: () => boolean) => {
    if (!media.micOpen && !micTried) await openMicrophone();
    if (!mine()) return;
    client?.send({
      type: 'session.start',
      agent: agentId,
      sampleRate: 16_000,
      ...(token ? { token } : {}),
      ...media.micReport,
    });
  };

  const connect = () => {
    live = false;
    const own: { client?: ProtocolClient } = {};
    const mine = () => own.client !== undefined && own.client === client;
    own.client = new ProtocolClient(socketUrl(location), {
      onState(state, detail) {
        if (!mine()) return;
        if (state === 'open') {
          dispatch({ type: 'socket.open' });
          void startSession(mine);
        }
        if (state === 'closed') {
          client = undefined;
          live = false;
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
    media.startMeters(() => call.phase === 'agent-speaking');
  };

  const releaseCall = () => {
    micTried = false;
    clearTimeout(reconnectTimer);
    press.cancel();
    closeClient();
    audioTurn = undefined;
    document.body.dataset['speaking'] = 'false';
    const released = media.release(); // drops the mic and player at once; closes them async
    inOrder(() => released);
  };

  const setMuted = (value: boolean) => {
    if (value && press.held) page.pttUp();
    muted = value;
    header.setMuted(muted);
    render();
  };

  const onFrame = (frame: Int16Array) => {
    const rms = frameRms(frame);
    header.mic.set(muted ? 0 : rms);
    press.level(rms);
    if (!live || muted || (hooks.allowFrame && !hooks.allowFrame())) return;
    recordMicLevel(debug, frame);
    debug.framesSent += 1;
    client?.sendAudio(frame);
  };

  const openMicrophone = async () => {
    micTried = true;
    try {
      await media.openMic(onFrame, {
        echoCancellation: micProcessing,
        noiseSuppression: micProcessing,
        autoGainControl: micProcessing,
      });
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      transcript.notice(strings.noMic(detail), 'problem');
    }
    render();
  };

  const onPlayback = (report: PlaybackReport) => {
    hooks.onPlayback?.(report);
    if (report.type === 'flushed') debug.flushes += 1;
    if (report.turnId < 0) return; // a flush with nothing playing
    const key = turnKey(report.turnId);
    if (report.type === 'started') {
      document.body.dataset['speaking'] = 'true';
      latency.playbackStarted(key, performance.now(), media.player?.outputLatencyMs ?? 0);
      dispatch({ type: 'playback.started', turnId: report.turnId });
      return;
    }
    if (report.type === 'position') transcript.existingReply(key)?.played(report.playedMs);
    if (report.type === 'ended' || report.type === 'flushed') {
      document.body.dataset['speaking'] = 'false';
      if (report.type === 'ended') transcript.existingReply(key)?.finished();
      dispatch({ type: 'playback.ended', turnId: report.turnId });
    }
    debug.playedMsByTurn[report.turnId] = report.playedMs;
    debug.positionsSent += 1;
    client?.send({
      type: 'playback.position',
      turnId: report.turnId,
      // To the µs, not whole ms: the server's echo canceller seats each reply's reference on
      // it, and half a ms off reads the echo as a person (test/echo/reply-offsets.test.ts).
      playedMs: Math.round(report.playedMs * 1_000) / 1_000,
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
    await media.newPlayer(message.outputSampleRate, onPlayback);
    live = true;
    for (const { text, item } of queued.splice(0)) {
      item.remove(); // the server echoes it back as transcript.final
      client?.send({ type: 'text.input', text });
    }
  };

  const onMessage = async (message: ServerMessage) => {
    if (message.type === 'session.ready') await onReady(message);
    dispatch(message);
    showMessage(transcript, message, {
      turnKey,
      interruptedTag: strings.interruptedTag,
      isAlert: (text) => hooks.isAlert?.(text) ?? false,
    });
    const player = media.player;
    if (message.type === 'transcript.final') press.heardWords();
    else if (message.type === 'turn.start') {
      press.heardWords();
      latency.turnStarted(turnKey(message.turnId));
    } else if (message.type === 'agent.audio.start') {
      audioTurn = message.turnId;
      latency.audioStarted(turnKey(message.turnId), performance.now());
      player?.start(message.turnId);
    } else if (message.type === 'agent.audio.end') {
      player?.end(message.turnId);
      if (audioTurn === message.turnId) audioTurn = undefined;
    } else if (message.type === 'interrupt') {
      debug.interrupts += 1;
      audioTurn = undefined;
      player?.flush();
    } else if (message.type === 'error') {
      debug.errors.push(`${message.code}: ${message.message}`);
      if (!HANDLED_BY_CALL.includes(message.code)) transcript.notice(message.message, 'problem');
    } else if (message.type === 'metrics.turn') {
      latency.metrics(turnKey(message.metrics.turnId), message.metrics);
    }
    hooks.onMessage?.(message);
  };

  const onAudio = (samples: Int16Array) => {
    const player = media.player;
    if (audioTurn === undefined || !player) {
      debug.audioFramesDropped += 1;
      return;
    }
    debug.audioFramesReceived += 1;
    debug.audioFramesByTurn[audioTurn] = (debug.audioFramesByTurn[audioTurn] ?? 0) + 1;
    player.push(audioTurn, samples);
  };

  const page: AgentPage = {
    header,
    transcript,
    composer,
    panels,
    strings,
    language,
    debug,
    get call() {
      return { phase: call.phase, micOpen: media.micOpen, muted, pushToTalk };
    },
    get outputLatencyMs() {
      return media.player?.outputLatencyMs ?? 0;
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
      if (press.held) return true;
      if (!media.micOpen || muted || !isLive()) return false;
      press.down(performance.now());
      composer.setHeld(true);
      client?.send({ type: 'ptt.down' });
      dispatch({ type: 'ptt.down' });
      return true;
    },
    pttUp() {
      if (!press.held) return;
      const nowMs = performance.now();
      composer.setHeld(false);
      client?.send({ type: 'ptt.up' });
      dispatch({ type: 'ptt.up' });
      latency.pttReleased(nowMs);
      press.up(nowMs);
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
  'busy',
  'bad-identity',
  'idle',
];
