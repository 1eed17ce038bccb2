import { createHash, timingSafeEqual } from 'node:crypto';
import type { WebSocket, RawData } from 'ws';
import type { Session } from '../conversation/types.ts';
import type { AgentDefinition } from '../spec/agent.ts';
import type { Clock } from '../spec/clock.ts';
import { systemClock } from '../stream/system-clock.ts';
import { decodeAudioFrame, encodeAudioFrame } from './audio-frame.ts';
import { sessionEventToWire } from './event-map.ts';
import { DEFAULT_LIMITS, type ConnectionLimits } from './limits.ts';
import {
  WIRE_INPUT_FRAME_MS,
  WIRE_INPUT_SAMPLE_RATE,
  type ClientMessage,
  type ServerMessage,
  type WireErrorCode,
} from './messages.ts';
import { summarizeAgent } from './agent-summary.ts';
import { TokenBucket } from './token-bucket.ts';
import { parseClientMessage } from './validate.ts';

export interface BrowserConnectionOptions {
  readonly socket: WebSocket;
  /** Looks an agent up by id; the client can never supply an agent (or its tools) itself. */
  readonly findAgent: (id: string) => AgentDefinition | undefined;
  /** Builds the models and the session for one conversation with `agent`. */
  readonly openSession: (agent: AgentDefinition) => Promise<Session>;
  /** When set, `session.start` must carry this token. */
  readonly token?: string;
  readonly limits?: Partial<ConnectionLimits>;
  readonly clock?: Clock;
  /** Problems that concern the operator, not the client (a session failing to close …). */
  readonly onProblem?: (message: string, error: unknown) => void;
  /** Called once, after every resource of the connection is released. */
  readonly onClosed?: () => void;
}

type State = 'idle' | 'starting' | 'active' | 'closed';

const RATE_ERROR_INTERVAL_MS = 1_000;

/** Binds one WebSocket to one Session: validates what comes in, maps what goes out. */
export class BrowserConnection {
  readonly #options: BrowserConnectionOptions;
  readonly #limits: ConnectionLimits;
  readonly #clock: Clock;
  readonly #bucket: TokenBucket;
  readonly #socket: WebSocket;
  #state: State = 'idle';
  #session: Session | undefined;
  #unsubscribe: (() => void) | undefined;
  #cancelTimers: (() => void)[] = [];
  #lastRateErrorMs = Number.NEGATIVE_INFINITY;
  #closedPromise: Promise<void> | undefined;

  constructor(options: BrowserConnectionOptions) {
    this.#options = options;
    this.#limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.#clock = options.clock ?? systemClock;
    this.#socket = options.socket;
    this.#bucket = new TokenBucket(
      { capacity: this.#limits.messageBurst, refillPerSecond: this.#limits.messagesPerSecond },
      () => this.#clock.now(),
    );
    this.#socket.on('message', (data, isBinary) => this.#onFrame(data, isBinary));
    this.#socket.on('close', () => void this.close());
    this.#socket.on('error', (error) => this.#problem('socket error', error));
    this.#addTimer(this.#limits.startTimeoutMs, () => {
      if (this.#state === 'idle' || this.#state === 'starting')
        this.#fatal('session-expired', 'no session was started in time');
    });
  }

  get state(): State {
    return this.#state;
  }

  /** Releases the session, timers and socket. Safe to call more than once. */
  close(): Promise<void> {
    this.#closedPromise ??= this.#release();
    return this.#closedPromise;
  }

  async #release(): Promise<void> {
    this.#state = 'closed';
    for (const cancel of this.#cancelTimers) cancel();
    this.#cancelTimers = [];
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    const session = this.#session;
    this.#session = undefined;
    if (this.#socket.readyState === this.#socket.OPEN) this.#socket.close(1000, 'closed');
    if (session) {
      try {
        await session.close();
      } catch (error) {
        this.#problem(`session ${session.id} failed to close`, error);
      }
    }
    this.#options.onClosed?.();
  }

  #onFrame(data: RawData, isBinary: boolean): void {
    if (this.#state === 'closed') return;
    const bytes = toBytes(data);
    const about = isBinary ? 'audio' : undefined;
    if (bytes.byteLength > this.#limits.maxFrameBytes) {
      this.#sendError(
        'frame-too-large',
        `frame of ${bytes.byteLength} bytes is over the ${this.#limits.maxFrameBytes}-byte limit`,
        about,
      );
      return;
    }
    if (!this.#bucket.take()) {
      const nowMs = this.#clock.now();
      if (nowMs - this.#lastRateErrorMs >= RATE_ERROR_INTERVAL_MS) {
        this.#lastRateErrorMs = nowMs;
        this.#sendError('rate-limited', 'too many messages: some were dropped', about);
      }
      return;
    }
    if (isBinary) this.#onAudio(bytes);
    else this.#onText(Buffer.from(bytes).toString('utf8'));
  }

  #onAudio(bytes: Uint8Array): void {
    if (this.#state === 'starting') return; // the client raced session.ready: drop quietly
    const session = this.#session;
    if (!session) {
      this.#sendError('no-session', 'audio before session.start is ignored', 'audio');
      return;
    }
    const decoded = decodeAudioFrame(bytes, {
      sampleRate: WIRE_INPUT_SAMPLE_RATE,
      maxFrameMs: this.#limits.maxAudioFrameMs,
    });
    if (!decoded.ok) {
      this.#send({ ...decoded.error, about: 'audio' });
      return;
    }
    try {
      session.pushAudio(decoded.chunk);
    } catch (error) {
      this.#sendError('bad-audio', errorMessage(error), 'audio');
    }
  }

  #onText(text: string): void {
    const parsed = parseClientMessage(text);
    if (!parsed.ok) {
      this.#send(parsed.error);
      return;
    }
    const message = parsed.message;
    if (message.type === 'session.start') {
      this.#start(message);
      return;
    }
    const session = this.#session;
    if (!session) {
      this.#sendError(
        'no-session',
        `"${message.type}" before session.start is ignored`,
        message.type,
      );
      return;
    }
    try {
      this.#dispatch(session, message);
    } catch (error) {
      this.#sendError('bad-message', errorMessage(error), message.type);
    }
  }

  #dispatch(session: Session, message: Exclude<ClientMessage, { type: 'session.start' }>): void {
    switch (message.type) {
      case 'text.input':
        session.sendText(message.text);
        return;
      case 'playback.position':
        session.setPlaybackPosition(message.turnId, message.playedMs);
        return;
      case 'ptt.down':
        session.pttDown();
        return;
      case 'ptt.up':
        session.pttUp();
        return;
    }
  }

  #start(message: Extract<ClientMessage, { type: 'session.start' }>): void {
    const about = message.type;
    if (this.#state !== 'idle') {
      this.#sendError('already-started', 'this connection already has a session', about);
      return;
    }
    if (this.#options.token !== undefined && !sameToken(message.token, this.#options.token)) {
      this.#sendError('unauthorized', 'a valid token is required to start a session', about);
      return;
    }
    const agent = this.#options.findAgent(message.agent);
    if (!agent) {
      this.#sendError('unknown-agent', `no agent "${message.agent.slice(0, 80)}"`, about);
      return;
    }
    if (message.sampleRate !== WIRE_INPUT_SAMPLE_RATE) {
      this.#sendError(
        'unsupported-sample-rate',
        `audio must be sent at ${WIRE_INPUT_SAMPLE_RATE} Hz, not ${message.sampleRate} Hz`,
        about,
      );
      return;
    }
    this.#state = 'starting';
    this.#options.openSession(agent).then(
      (session) => this.#activate(session),
      (error: unknown) => {
        this.#problem(`session for agent ${agent.id} failed to start`, error);
        if (this.#state !== 'starting') return;
        this.#state = 'idle';
        this.#sendError(
          'session-failed',
          `the session could not start: ${errorMessage(error)}`,
          about,
        );
      },
    );
  }

  #activate(session: Session): void {
    if (this.#state !== 'starting') {
      session.close().catch((error: unknown) => this.#problem('late session close failed', error));
      return;
    }
    this.#state = 'active';
    this.#session = session;
    this.#send({
      type: 'session.ready',
      sessionId: session.id,
      agent: summarizeAgent(session.agent),
      inputSampleRate: WIRE_INPUT_SAMPLE_RATE,
      inputFrameMs: WIRE_INPUT_FRAME_MS,
      outputSampleRate: session.outputSampleRate,
    });
    this.#unsubscribe = session.subscribe((event) => {
      if (this.#state !== 'active') return;
      const out = sessionEventToWire(event);
      if (out.kind === 'json') this.#send(out.message);
      else if (out.kind === 'audio') this.#sendBinary(encodeAudioFrame(out.samples));
    });
    this.#addTimer(this.#limits.maxSessionMs, () =>
      this.#fatal('session-expired', `sessions last at most ${this.#limits.maxSessionMs} ms`),
    );
  }

  #fatal(code: WireErrorCode, message: string): void {
    this.#send({ type: 'error', code, message, fatal: true });
    void this.close();
  }

  #addTimer(delayMs: number, callback: () => void): void {
    this.#cancelTimers.push(this.#clock.setTimer(delayMs, callback));
  }

  #sendError(code: WireErrorCode, message: string, about?: string): void {
    this.#send({ type: 'error', code, message, fatal: false, ...(about ? { about } : {}) });
  }

  #send(message: ServerMessage): void {
    if (this.#socket.readyState !== this.#socket.OPEN) return;
    this.#socket.send(JSON.stringify(message));
  }

  #sendBinary(bytes: Uint8Array): void {
    if (this.#socket.readyState !== this.#socket.OPEN) return;
    if (this.#socket.bufferedAmount > this.#limits.maxBufferedBytes) {
      this.#fatal(
        'slow-client',
        `over ${this.#limits.maxBufferedBytes} bytes are waiting to be sent`,
      );
      return;
    }
    this.#socket.send(bytes, { binary: true });
  }

  #problem(message: string, error: unknown): void {
    if (this.#options.onProblem) this.#options.onProblem(message, error);
    else console.error(`parley transport: ${message}:`, error);
  }
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return data;
}

function sameToken(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
