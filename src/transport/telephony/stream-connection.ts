import type { RawData, WebSocket } from 'ws';
import type { CallerIdentity } from '../../index.ts';
import { TelephonyCall } from './call.ts';
import { PHONE_SAMPLE_RATE } from './codec.ts';
import type { TelephonyContext } from './context.ts';
import type { StreamEvent, StreamProtocol } from './stream-protocol.ts';

type StartEvent = Extract<StreamEvent, { kind: 'start' }>;

/** Who may take a stream: the agent and caller, or why it is refused. */
export type StreamAdmission =
  { readonly agentId: string; readonly caller?: CallerIdentity } | { readonly refused: string };

export interface StreamConnectionOptions {
  readonly socket: WebSocket;
  readonly protocol: StreamProtocol;
  readonly context: TelephonyContext;
  readonly admit: (start: StartEvent) => StreamAdmission;
  readonly onClosed?: () => void;
}

const MAX_BAD_MESSAGES = 20;

/** One vendor media WebSocket bound to one TelephonyCall; the vendor's serializer does the wire. */
export class StreamConnection {
  readonly #options: StreamConnectionOptions;
  readonly #socket: WebSocket;
  #streamId: string | undefined;
  #call: TelephonyCall | undefined;
  #badMessages = 0;
  #closed: Promise<void> | undefined;

  constructor(options: StreamConnectionOptions) {
    this.#options = options;
    this.#socket = options.socket;
    this.#socket.on('message', (data, isBinary) => this.#onMessage(data, isBinary));
    this.#socket.on('close', () => void this.close());
    this.#socket.on('error', (error) => this.#problem('socket error', error));
  }

  get call(): TelephonyCall | undefined {
    return this.#call;
  }

  close(): Promise<void> {
    this.#closed ??= (async () => {
      if (this.#socket.readyState === this.#socket.OPEN) this.#socket.close(1000, 'call ended');
      const call = this.#call;
      this.#call = undefined;
      if (call) {
        try {
          await call.close();
        } catch (error) {
          this.#problem('session failed to close', error);
        }
      }
      this.#options.onClosed?.();
    })();
    return this.#closed;
  }

  #onMessage(data: RawData, isBinary: boolean): void {
    if (this.#closed) return;
    let event: StreamEvent;
    try {
      if (isBinary) throw new TypeError('binary frames are not part of the protocol');
      event = this.#options.protocol.parse(rawText(data));
    } catch (error) {
      this.#problem('malformed message ignored', error);
      if (++this.#badMessages > MAX_BAD_MESSAGES) this.#refuse(1003, 'too many malformed messages');
      return;
    }
    switch (event.kind) {
      case 'start':
        this.#start(event);
        return;
      case 'media':
        this.#call?.pushCallerAudio(event.payload);
        return;
      case 'dtmf':
        this.#call?.pressKey(event.digit);
        return;
      case 'mark':
        this.#call?.markPlayed(event.name);
        return;
      case 'stop':
        void this.close();
        return;
      case 'connected':
      case 'ignored':
        return;
    }
  }

  #start(start: StartEvent): void {
    if (this.#streamId !== undefined) {
      this.#problem('a second start message was ignored', undefined);
      return;
    }
    this.#streamId = start.streamId;
    const admission = this.#options.admit(start);
    if ('refused' in admission) return this.#refuse(1008, admission.refused);
    const { context } = this.#options;
    const agent = context.findAgent(admission.agentId);
    if (!agent) return this.#refuse(1008, `no agent "${admission.agentId.slice(0, 60)}"`);
    const opening = context.openSession(agent, {
      ...(admission.caller ? { caller: admission.caller } : {}),
      outputSampleRate: PHONE_SAMPLE_RATE,
    });
    opening.then(
      (session) => {
        if (this.#closed) {
          session.close().catch((error: unknown) => this.#problem('late session close', error));
          return;
        }
        this.#call = new TelephonyCall({
          session,
          codec: start.codec,
          clock: context.clock,
          dtmfRule: context.dtmfRuleFor(agent),
          sink: {
            sendAudio: (payload) =>
              this.#send(this.#options.protocol.media(start.streamId, payload)),
            sendMark: (name) => this.#send(this.#options.protocol.mark(start.streamId, name)),
            clear: () => this.#send(this.#options.protocol.clear(start.streamId)),
          },
        });
      },
      (error: unknown) => {
        this.#problem(`session for agent ${agent.id} failed to start`, error);
        this.#refuse(1011, 'the session could not start');
      },
    );
  }

  #send(text: string): void {
    if (this.#socket.readyState === this.#socket.OPEN) this.#socket.send(text);
  }

  #refuse(code: number, reason: string): void {
    this.#problem(`${this.#options.protocol.vendor} stream refused: ${reason}`, undefined);
    if (this.#socket.readyState === this.#socket.OPEN) this.#socket.close(code, reason);
    void this.close();
  }

  #problem(message: string, error: unknown): void {
    this.#options.context.onProblem(`${this.#options.protocol.vendor}: ${message}`, error);
  }
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}
