import { isUtf8 } from 'node:buffer';
import type { WebSocket, RawData } from 'ws';
import type { Session } from '../conversation/types.ts';
import type { AgentDefinition } from '../spec/agent.ts';
import type { Clock } from '../spec/clock.ts';
import { RateLimitedError } from '../spec/errors.ts';
import type { CallerIdentity } from '../spec/identity.ts';
import { systemClock } from '../stream/system-clock.ts';
import { decodeAudioFrame, encodeAudioFrame } from './audio-frame.ts';
import { sessionEventToWire } from './event-map.ts';
import { setFrameLimit } from './frame-limit.ts';
import { startKeepAlive } from './keepalive.ts';
import { DEFAULT_LIMITS, HARD_MAX_FRAME_BYTES, type ConnectionLimits } from './limits.ts';
import {
  WIRE_INPUT_FRAME_MS,
  WIRE_INPUT_SAMPLE_RATE,
  type ClientMessage,
  type ServerMessage,
  type WireErrorCode,
} from './messages.ts';
import { summarizeAgent } from './agent-summary.ts';
import { checkStart } from './start-checks.ts';
import { InputBudget } from './input-budget.ts';
import { parseClientMessage } from './validate.ts';

export interface BrowserConnectionOptions {
  readonly socket: WebSocket;
  /** Looks an agent up by id; the client can never supply an agent (or its tools) itself. */
  readonly findAgent: (id: string) => AgentDefinition | undefined;
  /**
   * Builds the models and the session for one conversation with `agent`, on behalf of
   * `caller`; `client` is what the client reported of its microphone.
   */
  readonly openSession: (
    agent: AgentDefinition,
    caller: CallerIdentity,
    client: { readonly clientEchoCancellation?: boolean },
  ) => Promise<Session>;
  /** When set, `session.start` must carry this token (unless `authenticated`). */
  readonly token?: string;
  /** The upgrade request already presented the token (cookie or bearer header). */
  readonly authenticated?: boolean;
  /** Verifies `session.start.identity` (signed claims); throws when it cannot vouch for them. */
  readonly verifyIdentity?: (identity: string) => CallerIdentity;
  /** Takes a session slot; undefined when the server is full. Call the result to give it back. */
  readonly admitSession?: () => (() => void) | undefined;
  readonly limits?: Partial<ConnectionLimits>;
  readonly clock?: Clock;
  /** Problems that concern the operator, not the client (a session failing to close …). */
  readonly onProblem?: (message: string, error: unknown) => void;
  /** Client-caused trouble (bad frames, wrong tokens): one line, no stack trace. */
  readonly onNotice?: (line: string) => void;
  /** Called once, after every resource of the connection is released. */
  readonly onClosed?: () => void;
}

type State = 'idle' | 'starting' | 'active' | 'closed';
type StartMessage = Extract<ClientMessage, { type: 'session.start' }>;

/** WebSocket close codes (RFC 6455 §7.4.1). */
const CLOSE_NORMAL = 1000;
const CLOSE_POLICY = 1008;
const CLOSE_BAD_DATA = 1007;

/** Binds one WebSocket to one Session: validates what comes in, maps what goes out. */
export class BrowserConnection {
  readonly #options: BrowserConnectionOptions;
  readonly #limits: ConnectionLimits;
  readonly #clock: Clock;
  readonly #budget: InputBudget;
  readonly #socket: WebSocket;
  #state: State = 'idle';
  #session: Session | undefined;
  #releaseSlot: (() => void) | undefined;
  #unsubscribe: (() => void) | undefined;
  #cancelTimers: (() => void)[] = [];
  #cancelIdle: () => void = () => undefined;
  #wrongTokens = 0;
  #closedPromise: Promise<void> | undefined;

  constructor(options: BrowserConnectionOptions) {
    this.#options = options;
    this.#limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.#clock = options.clock ?? systemClock;
    this.#socket = options.socket;
    this.#budget = new InputBudget(this.#limits, () => this.#clock.now());
    this.#socket.on('message', (data, isBinary) => this.#onFrame(data, isBinary));
    this.#socket.on('close', () => void this.close());
    this.#socket.on('error', (error) => this.#notice(`socket error: ${errorMessage(error)}`));
    this.#addTimer(this.#limits.startTimeoutMs, () => {
      if (this.#state === 'idle' || this.#state === 'starting')
        this.#fatal('session-expired', 'no session was started in time');
    });
    this.#cancelTimers.push(
      startKeepAlive(this.#socket, this.#clock, this.#limits.pingIntervalMs, () =>
        this.#notice('peer did not answer a ping: dropped'),
      ),
    );
  }

  get state(): State {
    return this.#state;
  }

  /** Releases the session, timers and socket. Safe to call more than once. */
  close(): Promise<void> {
    this.#closedPromise ??= this.#release();
    return this.#closedPromise;
  }

  async #release(code = CLOSE_NORMAL): Promise<void> {
    this.#state = 'closed';
    for (const cancel of this.#cancelTimers) cancel();
    this.#cancelTimers = [];
    this.#cancelIdle();
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    const session = this.#session;
    this.#session = undefined;
    if (this.#socket.readyState === this.#socket.OPEN) this.#socket.close(code, 'closed');
    if (session) {
      try {
        await session.close();
      } catch (error) {
        this.#problem(`session ${session.id} failed to close`, error);
      }
    }
    this.#releaseSlot?.();
    this.#releaseSlot = undefined;
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
    if (!this.#budget.takeFrame(bytes.byteLength)) {
      this.#rateLimited(about);
      return;
    }
    this.#touch();
    if (isBinary) {
      this.#onAudio(bytes);
      return;
    }
    if (!isUtf8(bytes)) {
      this.#sendError('bad-utf8', 'a text frame must be valid UTF-8; closing (1007)');
      this.#notice('invalid UTF-8 text frame');
      this.#closedPromise ??= this.#release(CLOSE_BAD_DATA);
      return;
    }
    this.#onText(Buffer.from(bytes).toString('utf8'));
  }

  #rateLimited(about: string | undefined, message = 'too much input: some was dropped'): void {
    if (!this.#budget.shouldReportRefusal()) return;
    this.#sendError('rate-limited', message, about);
  }

  /** Restarts the idle timer: any frame from the client counts as life. */
  #touch(): void {
    if (this.#state !== 'active') return;
    this.#cancelIdle();
    this.#cancelIdle = this.#clock.setTimer(this.#limits.idleTimeoutMs, () =>
      this.#fatal('idle', `nothing was received for ${this.#limits.idleTimeoutMs} ms`),
    );
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
      // Over the session's CPU budget (the server's guard): refused like a rate limit.
      if (error instanceof RateLimitedError) this.#rateLimited('audio', error.message);
      else this.#sendError('bad-audio', errorMessage(error), 'audio');
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
      if (error instanceof RateLimitedError) this.#rateLimited(message.type, error.message);
      else this.#sendError('bad-message', errorMessage(error), message.type);
    }
  }

  #dispatch(session: Session, message: Exclude<ClientMessage, StartMessage>): void {
    switch (message.type) {
      case 'text.input':
        if (!this.#budget.takeText(message.text.length)) {
          this.#rateLimited(message.type);
          return;
        }
        session.sendText(message.text);
        return;
      case 'playback.position':
        session.setPlaybackPosition(message.turnId, message.playedMs);
        return;
      case 'ptt.down':
      case 'ptt.up':
        if ((session.agent.inputMode ?? 'vad') !== 'push-to-talk') {
          this.#sendError(
            'not-supported',
            `agent "${session.agent.id}" listens by voice activity; "${message.type}" is refused`,
            message.type,
          );
          return;
        }
        if (message.type === 'ptt.down') session.pttDown();
        else session.pttUp();
        return;
    }
  }

  #start(message: StartMessage): void {
    const about = message.type;
    if (this.#state !== 'idle') {
      this.#sendError('already-started', 'this connection already has a session', about);
      return;
    }
    const decision = checkStart(message, this.#options);
    if (!decision.ok) {
      if (decision.wrongTry) this.#wrongTry(decision.code, decision.message);
      else this.#sendError(decision.code, decision.message, about);
      return;
    }
    const release = this.#options.admitSession ? this.#options.admitSession() : () => undefined;
    if (!release) {
      this.#sendError('busy', 'the server is at its session limit: try again shortly', about);
      return;
    }
    const { agent, caller } = decision;
    this.#releaseSlot = release;
    this.#state = 'starting';
    const client =
      message.echoCancellation === undefined
        ? {}
        : { clientEchoCancellation: message.echoCancellation };
    this.#options.openSession(agent, caller, client).then(
      (session) => this.#activate(session),
      (error: unknown) => {
        this.#problem(`session for agent ${agent.id} failed to start`, error);
        if (this.#state !== 'starting') return;
        this.#state = 'idle';
        this.#releaseSlot?.();
        this.#releaseSlot = undefined;
        this.#sendError(
          'session-failed',
          `the session could not start: ${errorMessage(error)}`,
          about,
        );
      },
    );
  }

  /** A wrong token or identity; a few of them close the socket. */
  #wrongTry(code: WireErrorCode, message: string): void {
    this.#notice(`${code}: ${message}`);
    this.#wrongTokens += 1;
    if (this.#wrongTokens >= this.#limits.maxWrongTokens) {
      this.#send({ type: 'error', code, message: `${message}; too many tries`, fatal: true });
      this.#closedPromise ??= this.#release(CLOSE_POLICY);
      return;
    }
    this.#sendError(code, message, 'session.start');
  }

  #activate(session: Session): void {
    if (this.#state !== 'starting') {
      session.close().catch((error: unknown) => this.#problem('late session close failed', error));
      return;
    }
    this.#state = 'active';
    this.#session = session;
    setFrameLimit(this.#socket, HARD_MAX_FRAME_BYTES);
    this.#touch();
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
    this.#write(JSON.stringify({ type: 'error', code, message, fatal: true }), false);
    void this.close();
  }

  #addTimer(delayMs: number, callback: () => void): void {
    this.#cancelTimers.push(this.#clock.setTimer(delayMs, callback));
  }

  #sendError(code: WireErrorCode, message: string, about?: string): void {
    this.#send({ type: 'error', code, message, fatal: false, ...(about ? { about } : {}) });
  }

  #send(message: ServerMessage): void {
    if (this.#tooSlow()) return;
    this.#write(JSON.stringify(message), false);
  }

  #sendBinary(bytes: Uint8Array): void {
    if (this.#tooSlow()) return;
    this.#write(bytes, true);
  }

  /** Backpressure for every send: a client that does not read is closed, not buffered for. */
  #tooSlow(): boolean {
    if (this.#socket.readyState !== this.#socket.OPEN) return true;
    if (this.#socket.bufferedAmount <= this.#limits.maxBufferedBytes) return false;
    this.#fatal(
      'slow-client',
      `over ${this.#limits.maxBufferedBytes} bytes are waiting to be sent`,
    );
    return true;
  }

  #write(data: string | Uint8Array, binary: boolean): void {
    if (this.#socket.readyState !== this.#socket.OPEN) return;
    if (binary) this.#socket.send(data, { binary: true });
    else this.#socket.send(data);
  }

  #problem(message: string, error: unknown): void {
    if (this.#options.onProblem) this.#options.onProblem(message, error);
    else console.error(`parley transport: ${message}:`, error);
  }

  #notice(line: string): void {
    if (this.#options.onNotice) this.#options.onNotice(line);
    else console.warn(`parley transport: ${line}`);
  }
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return data;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
