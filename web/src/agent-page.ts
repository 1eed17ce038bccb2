import type { ServerMessage } from '../../src/transport/messages.ts';
import { startCapture, type Capture } from './capture.ts';
import { createDebug, recordMicLevel, type ParleyDebug } from './debug.ts';
import { Player } from './player.ts';
import { ProtocolClient, socketUrl } from './protocol-client.ts';
import { ConversationView } from './view.ts';
import type { PlaybackReport } from './worklets/playback-messages.ts';

export interface AgentPageHooks {
  /** Every server message, after the shared handling (transcript, audio, playback). */
  onMessage?(message: ServerMessage): void;
  /** Every playback report (ms of a turn's audio actually played), before the shared handling. */
  onPlayback?(report: PlaybackReport): void;
  /** Return false to drop a microphone frame before it leaves the page. */
  allowFrame?(): boolean;
}

export interface AgentPage {
  readonly view: ConversationView;
  readonly debug: ParleyDebug;
  /** The player's output latency; 0 before `session.ready`. */
  readonly outputLatencyMs: number;
  pttDown(): void;
  pttUp(): void;
}

/**
 * A conversation page: wires the socket, microphone, player and view together.
 * The generic page calls it without hooks; an agent's own page adds its panels
 * through the hooks. The agent comes from `?agent=` or `<body data-agent>`;
 * `?token=` is passed on; `?rawMic=1` turns the browser's echo cancellation,
 * noise suppression and gain control off (for fake capture devices in tests,
 * where there is no acoustic echo). `document.body.dataset.speaking` is 'true'
 * while agent audio plays.
 */
export function startAgentPage(root: HTMLElement, hooks: AgentPageHooks = {}): AgentPage {
  const params = new URLSearchParams(location.search);
  const agentId = params.get('agent') ?? document.body.dataset['agent'] ?? '';
  const token = params.get('token') ?? undefined;
  const micProcessing = params.get('rawMic') !== '1';
  const debug = createDebug();
  let client: ProtocolClient | undefined;
  let player: Player | undefined;
  let capture: Capture | undefined;
  /** Turn whose audio frames are arriving; undefined after an interrupt until the next start. */
  let audioTurn: number | undefined;
  let pttHeld = false;

  /** Messages and audio are handled one after another, even while the player is being created. */
  let pending: Promise<void> = Promise.resolve();
  const inOrder = (task: () => void | Promise<void>) => {
    pending = pending.then(task).catch((error: unknown) => {
      debug.errors.push(String(error));
      view.notice(`Client error: ${error instanceof Error ? error.message : String(error)}`);
    });
  };

  const setState = (state: string, text: string) => {
    debug.state = state;
    view.setStatus(text, state);
  };

  const onPlayback = (report: PlaybackReport) => {
    hooks.onPlayback?.(report);
    if (report.type === 'started') document.body.dataset['speaking'] = 'true';
    if (report.type === 'ended' || report.type === 'flushed') {
      document.body.dataset['speaking'] = 'false';
    }
    if (report.type === 'flushed') debug.flushes += 1;
    if (report.type === 'started' || (report.type === 'flushed' && report.turnId < 0)) return;
    debug.playedMsByTurn[report.turnId] = report.playedMs;
    debug.positionsSent += 1;
    client?.send({
      type: 'playback.position',
      turnId: report.turnId,
      playedMs: Math.round(report.playedMs),
    });
  };

  const openMicrophone = async (pushToTalk: boolean) => {
    try {
      capture = await startCapture(
        (frame) => {
          if (hooks.allowFrame && !hooks.allowFrame()) return;
          recordMicLevel(debug, frame);
          debug.framesSent += 1;
          client?.sendAudio(frame);
        },
        {
          echoCancellation: micProcessing,
          noiseSuppression: micProcessing,
          autoGainControl: micProcessing,
        },
      );
      setState(
        'listening',
        pushToTalk ? 'Hold the button or the space bar to talk.' : 'Listening…',
      );
    } catch (error) {
      setState('text-only', 'No microphone: type your message below.');
      view.notice(
        `Microphone unavailable: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  };

  const onMessage = async (message: ServerMessage) => {
    switch (message.type) {
      case 'session.ready':
        debug.sessionId = message.sessionId;
        view.setTitle(message.agent.title);
        view.showPushToTalk(message.agent.inputMode === 'push-to-talk');
        player = await Player.create(message.outputSampleRate, onPlayback);
        void openMicrophone(message.agent.inputMode === 'push-to-talk');
        break;
      case 'transcript.interim':
        view.interim(message.text);
        break;
      case 'transcript.final':
        view.userSaid(message.text);
        break;
      case 'agent.text':
      case 'filler':
        view.agentSaid(message.turnId, message.text);
        break;
      case 'agent.audio.start':
        audioTurn = message.turnId;
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
        view.agentInterrupted(message.turnId, message.heardText);
        break;
      case 'error':
        debug.errors.push(`${message.code}: ${message.message}`);
        view.notice(`Error (${message.code}): ${message.message}`);
        break;
      case 'metrics.turn':
        view.metrics(message.metrics.turnId, message.metrics);
        break;
      case 'user.speech-start':
      case 'user.speech-end':
      case 'turn.start':
      case 'turn.end':
      case 'agent.word':
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
    player.push(audioTurn, samples);
  };

  const stop = (text: string) => {
    setState('closed', text);
    const [oldCapture, oldPlayer] = [capture, player];
    capture = undefined;
    player = undefined;
    inOrder(async () => {
      await Promise.all([oldCapture?.stop(), oldPlayer?.close()]);
    });
  };

  const start = () => {
    if (!agentId) return;
    setState('connecting', 'Connecting…');
    client = new ProtocolClient(socketUrl(location), {
      onState(state, detail) {
        if (state === 'open') {
          client?.send({
            type: 'session.start',
            agent: agentId,
            sampleRate: 16_000,
            ...(token ? { token } : {}),
          });
        }
        if (state === 'closed') stop(`Disconnected (${detail ?? 'closed'}).`);
      },
      onMessage: (message) => inOrder(() => onMessage(message)),
      onAudio: (samples) => inOrder(() => onAudio(samples)),
    });
  };

  const page: AgentPage = {
    get view() {
      return view;
    },
    debug,
    get outputLatencyMs() {
      return player?.outputLatencyMs ?? 0;
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
  const view = new ConversationView(root, document.title, {
    start,
    sendText(text) {
      if (!client?.isOpen) return view.notice('Not connected.');
      client.send({ type: 'text.input', text }); // the server echoes it as transcript.final
    },
    pttDown: () => page.pttDown(),
    pttUp: () => page.pttUp(),
  });
  setState(
    'idle',
    agentId ? 'Press start to talk.' : 'No agent chosen: open this page from the picker.',
  );
  return page;
}
