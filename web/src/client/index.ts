// `parley/client`: a small browser SDK for a call to a Parley agent — connect, mic, playback,
// events, mute, end — built from the same modules as Parley's own call page.
import type { AgentSummary, ServerMessage } from '../../../src/transport/messages.ts';
import { startCapture, type Capture } from '../capture.ts';
import { Player } from '../player.ts';
import { ProtocolClient, type ConnectionState } from '../protocol-client.ts';
import type { PlaybackReport } from '../worklets/playback-messages.ts';

export interface CallOptions {
  /** The Parley server, e.g. `https://voice.example.com` (its origin must allow this page's). */
  readonly server: string;
  readonly agent: string;
  /** The server's access token, when it has one. */
  readonly token?: string;
  /** Open the microphone when the call starts (default true); false for a typed call. */
  readonly microphone?: boolean;
}

export type { AgentSummary } from '../../../src/transport/messages.ts';

type SessionReady = Extract<ServerMessage, { type: 'session.ready' }>;

export type CallEvent =
  | ServerMessage
  | { readonly type: 'state'; readonly state: ConnectionState; readonly detail?: string };

/** A call in progress: `on` for events, `sendText`, `mute`, `end`. */
export interface ParleyCall {
  /** The agent answering: name, language, input mode, theme. */
  readonly agent: AgentSummary;
  on(listener: (event: CallEvent) => void): () => void;
  sendText(text: string): void;
  /** Stops sending microphone audio (the mic stays open) or starts again. */
  mute(muted: boolean): void;
  readonly muted: boolean;
  /** Hangs up: closes the socket, microphone and player; no event is emitted after. */
  end(): Promise<void>;
}

/** Connects to `options.agent` on `options.server`; resolves once the session is ready. */
export async function connect(options: CallOptions): Promise<ParleyCall> {
  const base = new URL(options.server);
  const socketUrl = new URL('/ws', base);
  socketUrl.protocol = base.protocol === 'https:' ? 'wss:' : 'ws:';
  const listeners = new Set<(event: CallEvent) => void>();
  const emit = (event: CallEvent) => {
    if (!ended) for (const listener of listeners) listener(event);
  };
  let ended = false;
  let muted = false;
  let player: Player | undefined;
  /** The session is ready: microphone audio may go out. */
  let live = false;
  let audioTurn: number | undefined;
  let agent: AgentSummary;
  let ready: (message: SessionReady) => void = () => undefined;
  let failed: (error: Error) => void = () => undefined;
  const readyPromise = new Promise<SessionReady>((resolve, reject) => {
    ready = resolve;
    failed = reject;
  });
  const onReport = (report: PlaybackReport) => {
    if (report.type === 'position' || report.type === 'ended' || report.type === 'flushed')
      client.send({ type: 'playback.position', turnId: report.turnId, playedMs: report.playedMs });
  };
  // The microphone first, so that session.start says what the browser granted.
  const capture: Capture | undefined =
    options.microphone === false
      ? undefined
      : await startCapture(
          (frame) => {
            if (live && !muted) client.sendAudio(frame);
          },
          undefined,
          base,
        );
  const granted = capture?.echoCancellation;
  // Messages are handled in order, even while the player is being created.
  let queue = Promise.resolve();
  const client = new ProtocolClient(socketUrl.href, {
    onState(state, detail) {
      if (state === 'open')
        client.send({
          type: 'session.start',
          agent: options.agent,
          sampleRate: 16_000,
          ...(options.token ? { token: options.token } : {}),
          ...(granted === undefined ? {} : { echoCancellation: granted }),
        });
      if (state === 'closed') failed(new Error(`the call could not start: ${detail ?? ''}`));
      emit({ type: 'state', state, ...(detail !== undefined && { detail }) });
    },
    onMessage(message) {
      queue = queue.then(async () => {
        if (message.type === 'session.ready') {
          player = await Player.create(message.outputSampleRate, onReport, base);
          ready(message);
        } else if (message.type === 'agent.audio.start') {
          audioTurn = message.turnId;
          player?.start(message.turnId);
        } else if (message.type === 'agent.audio.end') {
          player?.end(message.turnId);
          audioTurn = undefined;
        } else if (message.type === 'interrupt') {
          audioTurn = undefined;
          player?.flush();
        }
        emit(message);
      });
    },
    onAudio(samples) {
      queue = queue.then(() => {
        if (audioTurn !== undefined) player?.push(audioTurn, samples);
      });
    },
    onBadFrame(error) {
      console.warn('parley: ignored a frame', error);
    },
  });
  try {
    agent = (await readyPromise).agent;
    live = true;
  } catch (error) {
    ended = true;
    client.close();
    await Promise.all([capture?.stop(), player?.close()]);
    throw error;
  }
  return {
    agent,
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    sendText(text) {
      client.send({ type: 'text.input', text });
    },
    mute(value) {
      muted = value;
    },
    get muted() {
      return muted;
    },
    async end() {
      if (ended) return;
      ended = true;
      client.close();
      await Promise.all([capture?.stop(), player?.close()]);
    },
  };
}
