import type { ServerMessage } from '../../src/transport/messages.ts';
import { startCapture, type Capture } from './capture.ts';
import { createDebug, recordMicLevel } from './debug.ts';
import { Player } from './player.ts';
import { ProtocolClient, socketUrl } from './protocol-client.ts';
import { ConversationView, type ViewActions } from './view.ts';
import type { PlaybackReport } from './worklets/playback-messages.ts';

/** The conversation page: wires the socket, microphone, player and view together. */
const params = new URLSearchParams(location.search);
const agentId = params.get('agent') ?? document.body.dataset['agent'] ?? '';
const token = params.get('token') ?? undefined;
/**
 * `?rawMic=1` turns the browser's echo cancellation, noise suppression and gain
 * control off: for fake capture devices in tests, where there is no acoustic echo.
 */
const micProcessing = params.get('rawMic') !== '1';
const root = document.getElementById('parley') ?? document.body;
const debug = createDebug();

let client: ProtocolClient | undefined;
let player: Player | undefined;
let capture: Capture | undefined;
/** Turn whose audio frames are arriving; undefined after an interrupt until the next start. */
let audioTurn: number | undefined;
/**
 * `heardMs` = the server's `firstAudioMs` (user stopped → first frame sent) plus
 * this client's delay from the turn's `agent.audio.start` to its first sample playing.
 */
const audioStartAtMs = new Map<number, number>();
const playoutDelayMs = new Map<number, number>();
const firstAudioMs = new Map<number, number>();
let pttHeld = false;

let pushToTalk = false;
const actions: ViewActions = {
  start,
  sendText(text) {
    if (!client?.isOpen) return view.notice('Not connected.');
    client.send({ type: 'text.input', text }); // the server echoes it as transcript.final
  },
  pttDown() {
    if (pttHeld) return;
    pttHeld = true;
    client?.send({ type: 'ptt.down' });
  },
  pttUp() {
    if (!pttHeld) return;
    pttHeld = false;
    client?.send({ type: 'ptt.up' });
  },
};
const view = new ConversationView(root, document.title, actions);
setState(
  'idle',
  agentId ? 'Press start to talk.' : 'No agent chosen: open this page from the picker.',
);

function setState(state: string, text: string): void {
  debug.state = state;
  view.setStatus(text, state);
}

function start(): void {
  if (!agentId) return;
  setState('connecting', 'Connecting…');
  client = new ProtocolClient(socketUrl(location), {
    onState(state, detail) {
      if (state === 'open')
        client?.send({
          type: 'session.start',
          agent: agentId,
          sampleRate: 16_000,
          ...(token ? { token } : {}),
        });
      if (state === 'closed') void stop(`Disconnected (${detail ?? 'closed'}).`);
    },
    onMessage: (message) => inOrder(() => onMessage(message)),
    onAudio: (samples) => inOrder(() => onAudio(samples)),
  });
}

/** Messages and audio are handled one after another, even while the player is being created. */
let pending: Promise<void> = Promise.resolve();
function inOrder(task: () => void | Promise<void>): void {
  pending = pending.then(task).catch((error: unknown) => {
    debug.errors.push(String(error));
    view.notice(`Client error: ${error instanceof Error ? error.message : String(error)}`);
  });
}

async function stop(text: string): Promise<void> {
  setState('closed', text);
  const [oldCapture, oldPlayer] = [capture, player];
  capture = undefined;
  player = undefined;
  await Promise.all([oldCapture?.stop(), oldPlayer?.close()]);
}

async function onMessage(message: ServerMessage): Promise<void> {
  switch (message.type) {
    case 'session.ready':
      debug.sessionId = message.sessionId;
      view.setTitle(message.agent.title);
      pushToTalk = message.agent.inputMode === 'push-to-talk';
      view.showPushToTalk(pushToTalk);
      player = await Player.create(message.outputSampleRate, onPlayback);
      void openMicrophone(message.agent.inputMode);
      return;
    case 'user.speech-start':
      view.interim('…');
      return;
    case 'user.speech-end':
      return;
    case 'transcript.interim':
      view.interim(message.text);
      return;
    case 'transcript.final':
      view.userSaid(message.text);
      return;
    case 'agent.text':
    case 'filler':
      view.agentSaid(message.turnId, message.text);
      return;
    case 'agent.audio.start':
      audioTurn = message.turnId;
      audioStartAtMs.set(message.turnId, performance.now());
      player?.start(message.turnId);
      return;
    case 'agent.audio.end':
      player?.end(message.turnId);
      if (audioTurn === message.turnId) audioTurn = undefined;
      return;
    case 'interrupt':
      debug.interrupts += 1;
      audioTurn = undefined;
      player?.flush();
      view.agentInterrupted(message.turnId, message.heardText);
      return;
    case 'tool.call':
      view.notice(`Using ${message.name}…`);
      return;
    case 'tool.progress':
      view.notice(`${message.label ?? message.name}: ${Math.round(message.fraction * 100)}%`);
      return;
    case 'metrics.turn':
      view.metrics(message.metrics.turnId, message.metrics);
      if (message.metrics.firstAudioMs !== undefined)
        firstAudioMs.set(message.metrics.turnId, message.metrics.firstAudioMs);
      showHeardMs(message.metrics.turnId);
      return;
    case 'error':
      debug.errors.push(`${message.code}: ${message.message}`);
      view.notice(`Error (${message.code}): ${message.message}`);
      return;
    case 'turn.start':
    case 'turn.end':
    case 'agent.paused':
    case 'agent.resumed':
    case 'tool.result':
    case 'agent.word':
      return;
  }
}

async function openMicrophone(inputMode: 'vad' | 'push-to-talk'): Promise<void> {
  try {
    capture = await startCapture(
      (frame) => {
        debug.framesSent += 1;
        recordMicLevel(debug, frame);
        client?.sendAudio(frame);
      },
      {
        echoCancellation: micProcessing,
        noiseSuppression: micProcessing,
        autoGainControl: micProcessing,
      },
    );
    setState('listening', inputMode === 'push-to-talk' ? 'Hold the button to talk.' : 'Listening…');
  } catch (error) {
    setState('text-only', 'No microphone: type your message below.');
    view.notice(
      `Microphone unavailable: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

function onAudio(samples: Int16Array): void {
  if (audioTurn === undefined || !player) {
    debug.audioFramesDropped += 1;
    return;
  }
  debug.audioFramesReceived += 1;
  player.push(audioTurn, samples);
}

function showHeardMs(turnId: number): void {
  const sentMs = firstAudioMs.get(turnId);
  const delayMs = playoutDelayMs.get(turnId);
  if (sentMs !== undefined && delayMs !== undefined)
    view.metrics(turnId, { heardMs: sentMs + delayMs });
}

function onPlayback(report: PlaybackReport): void {
  switch (report.type) {
    case 'started':
      {
        const waitedMs =
          performance.now() - (audioStartAtMs.get(report.turnId) ?? performance.now());
        playoutDelayMs.set(report.turnId, waitedMs + (player?.outputLatencyMs ?? 0));
      }
      showHeardMs(report.turnId);
      return;
    case 'flushed':
      debug.flushes += 1;
      if (report.turnId < 0) return;
      break;
    case 'position':
    case 'ended':
      break;
  }
  debug.playedMsByTurn[report.turnId] = report.playedMs;
  debug.positionsSent += 1;
  client?.send({
    type: 'playback.position',
    turnId: report.turnId,
    playedMs: Math.round(report.playedMs),
  });
}

/** Space bar works like the push-to-talk button (outside the text box). */
for (const [eventName, press] of [
  ['keydown', true],
  ['keyup', false],
] as const) {
  addEventListener(eventName, (event) => {
    if (event.code !== 'Space' || event.target instanceof HTMLInputElement || !pushToTalk) return;
    event.preventDefault();
    if (press) actions.pttDown();
    else actions.pttUp();
  });
}
