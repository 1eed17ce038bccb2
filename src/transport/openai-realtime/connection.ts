import type { RawData, WebSocket } from 'ws';
import type { Session } from '../../conversation/types.ts';
import type { AgentDefinition } from '../../spec/agent.ts';
import type { AudioChunk } from '../../spec/audio.ts';
import type { SessionEvent } from '../../spec/events.ts';
import { InputAudioDecoder, OutputAudioEncoder } from './audio-formats.ts';
import { ClientToolBridge } from './client-tools.ts';
import { parseClientEvent, type ClientEvent, type EventProblem } from './client-events.ts';
import { realtimeId } from './ids.ts';
import { ResponseMapper, type OutEvent } from './response-mapper.ts';
import {
  applySessionUpdate,
  ConfigUpdateError,
  defaultConfig,
  renderSession,
  type RealtimeConfig,
} from './session-config.ts';

export interface RealtimeConnectionOptions {
  readonly socket: WebSocket;
  readonly agent: AgentDefinition;
  /** Opens the Parley session for the (possibly extended) agent. */
  readonly openSession: (agent: AgentDefinition) => Promise<Session>;
  /** Whether `instructions` from the client are added to the agent's prompt. Default false. */
  readonly allowInstructions?: boolean;
  /** Most input audio held for a manual (no turn detection) commit. Default 120 000 ms. */
  readonly maxBufferedInputMs?: number;
  /** Above this many bytes unsent, the client is too slow: the connection closes. Default 8 MiB. */
  readonly maxBufferedBytes?: number;
  readonly onClosed?: () => void;
}

const PARLEY_INPUT_RATE = 16_000;

/** One Realtime WebSocket bound to one Parley session. */
export class RealtimeConnection {
  readonly #options: RealtimeConnectionOptions;
  readonly #socket: WebSocket;
  readonly #sessionId = realtimeId('sess');
  readonly #tools = new ClientToolBridge();
  readonly #decoder = new InputAudioDecoder(PARLEY_INPUT_RATE);
  readonly #encoder = new OutputAudioEncoder();
  readonly #mapper: ResponseMapper;
  #config: RealtimeConfig;
  #session: Session | undefined;
  #opening: Promise<Session> | undefined;
  #unsubscribe: (() => void) | undefined;
  #manualBuffer: Int16Array[] = [];
  #manualSamples = 0;
  #pendingText: string[] = [];
  #activeTurnId: number | undefined;
  #closed = false;
  /** Client events are handled one at a time, in order, even when one waits for the session. */
  #queue: Promise<void> = Promise.resolve();

  constructor(options: RealtimeConnectionOptions) {
    this.#options = options;
    this.#socket = options.socket;
    this.#config = defaultConfig(options.agent.id, options.agent.systemPrompt);
    this.#mapper = new ResponseMapper(
      () => this.#config,
      () => this.#tools.names,
    );
    this.#socket.on('message', (data, isBinary) => this.#onFrame(data, isBinary));
    this.#socket.on('close', () => void this.close());
    this.#socket.on('error', () => void this.close());
    this.#send({ type: 'session.created', session: renderSession(this.#sessionId, this.#config) });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#unsubscribe?.();
    if (this.#socket.readyState === this.#socket.OPEN) this.#socket.close(1000);
    const session = this.#session ?? (await this.#opening?.catch(() => undefined));
    await session?.close();
    this.#options.onClosed?.();
  }

  #onFrame(data: RawData, isBinary: boolean): void {
    if (this.#closed) return;
    if (isBinary) {
      this.#error({
        type: 'invalid_request_error',
        code: 'invalid_json',
        message:
          'Realtime events are JSON text frames; audio travels base64 in input_audio_buffer.append.',
        param: null,
        eventId: null,
      });
      return;
    }
    const parsed = parseClientEvent(toText(data));
    if ('code' in parsed) {
      this.#error(parsed);
      return;
    }
    this.#queue = this.#queue
      .then(() => this.#handle(parsed))
      .catch((error: unknown) => {
        this.#error({
          type: 'invalid_request_error',
          code: error instanceof ConfigUpdateError ? 'invalid_value' : 'server_error',
          message: error instanceof Error ? error.message : String(error),
          param: error instanceof ConfigUpdateError ? error.param : null,
          eventId: parsed.eventId ?? null,
        });
      });
  }

  async #handle(event: ClientEvent): Promise<void> {
    const eventId = event.eventId ?? null;
    const refuse = (code: string, message: string, param: string | null = null): void =>
      this.#error({ type: 'invalid_request_error', code, message, param, eventId });
    switch (event.type) {
      case 'session.update': {
        const next = applySessionUpdate(this.#config, event.session);
        if (this.#session && lockedChanged(this.#config, next)) {
          return refuse(
            'session_locked',
            'Parley fixes instructions, tools and turn detection when the conversation starts; send them in the first session.update.',
            'session',
          );
        }
        this.#config = next;
        this.#send({
          type: 'session.updated',
          session: renderSession(this.#sessionId, this.#config),
        });
        return;
      }
      case 'input_audio_buffer.append': {
        const chunk = this.#decoder.decode(this.#config.inputFormat, event.audio);
        if (this.#config.turnDetection === null) return this.#bufferManual(chunk, refuse);
        (await this.#ensureSession()).pushAudio(chunk);
        return;
      }
      case 'input_audio_buffer.commit':
        if (this.#config.turnDetection !== null) return; // Parley's turn detection commits turns itself.
        return this.#commitManual(refuse);
      case 'input_audio_buffer.clear':
        this.#manualBuffer = [];
        this.#manualSamples = 0;
        this.#send({ type: 'input_audio_buffer.cleared' });
        return;
      case 'conversation.item.create': {
        const item = event.item;
        if (item.kind === 'function-output') {
          if (!this.#tools.isWaiting(item.callId)) {
            return refuse(
              'invalid_value',
              `No function call with call_id '${item.callId}' is waiting for output.`,
              'item.call_id',
            );
          }
          this.#sendAll(
            this.#mapper.addClientItem({
              id: item.id ?? realtimeId('item'),
              object: 'realtime.item',
              type: 'function_call_output',
              call_id: item.callId,
              output: item.output,
              status: 'completed',
            }),
          );
          this.#tools.deliver(item.callId, item.output);
          return;
        }
        this.#pendingText.push(item.text);
        this.#sendAll(
          this.#mapper.addClientItem({
            id: item.id ?? realtimeId('item'),
            object: 'realtime.item',
            type: 'message',
            status: 'completed',
            role: 'user',
            content: [{ type: 'input_text', text: item.text }],
          }),
        );
        return;
      }
      case 'response.create': {
        if (this.#pendingText.length > 0) {
          const text = this.#pendingText.join(' ');
          this.#pendingText = [];
          const session = await this.#ensureSession();
          this.#mapper.expectTextTurn(text.length);
          session.sendText(text);
          return;
        }
        if (this.#activeTurnId !== undefined) {
          this.#sendAll(this.#mapper.requestResponse(this.#activeTurnId));
          return;
        }
        return refuse(
          'nothing_to_answer',
          'Parley answers user input: add a user message (conversation.item.create) or speak first.',
        );
      }
      case 'response.cancel': {
        const session = this.#session;
        if (!session || this.#mapper.openResponseId === undefined) {
          return refuse(
            'response_cancel_not_active',
            'Cancellation failed: no active response found.',
          );
        }
        if (event.responseId !== undefined && event.responseId !== this.#mapper.openResponseId) {
          return refuse(
            'response_cancel_not_active',
            `Cancellation failed: response ${event.responseId} is not active.`,
            'response_id',
          );
        }
        if (!session.cancelReply)
          return refuse('unsupported', 'This session cannot cancel a reply.');
        this.#mapper.markCancelledByClient();
        session.cancelReply();
        return;
      }
      case 'conversation.item.truncate': {
        const item = this.#mapper.assistantItems.get(event.itemId);
        if (!item)
          return refuse(
            'item_truncate_invalid_item_id',
            `No assistant audio item with id '${event.itemId}'.`,
            'item_id',
          );
        if (event.audioEndMs > Math.ceil(item.audioMs)) {
          return refuse(
            'invalid_value',
            `Audio content of ${Math.round(item.audioMs)}ms is already shorter than ${event.audioEndMs}ms.`,
            'audio_end_ms',
          );
        }
        this.#session?.setPlaybackPosition(item.turnId, event.audioEndMs);
        this.#send({
          type: 'conversation.item.truncated',
          item_id: event.itemId,
          content_index: event.contentIndex,
          audio_end_ms: event.audioEndMs,
        });
        return;
      }
    }
  }

  #bufferManual(chunk: AudioChunk, refuse: (code: string, message: string) => void): void {
    const maxSamples = ((this.#options.maxBufferedInputMs ?? 120_000) * PARLEY_INPUT_RATE) / 1_000;
    if (this.#manualSamples + chunk.samples.length > maxSamples) {
      return refuse(
        'input_audio_buffer_full',
        'The input audio buffer is full: commit or clear it.',
      );
    }
    this.#manualBuffer.push(chunk.samples);
    this.#manualSamples += chunk.samples.length;
  }

  async #commitManual(refuse: (code: string, message: string) => void): Promise<void> {
    const bufferedMs = (this.#manualSamples * 1_000) / PARLEY_INPUT_RATE;
    if (bufferedMs < 100) {
      return refuse(
        'input_audio_buffer_commit_empty',
        `Error committing input audio buffer: buffer too small. Expected at least 100ms of audio, but buffer only has ${bufferedMs.toFixed(2)}ms of audio.`,
      );
    }
    const session = await this.#ensureSession();
    const chunks = this.#manualBuffer;
    this.#manualBuffer = [];
    this.#manualSamples = 0;
    session.pttDown();
    for (const samples of chunks) session.pushAudio({ samples, sampleRate: PARLEY_INPUT_RATE });
    session.pttUp();
  }

  #ensureSession(): Promise<Session> {
    if (this.#session) return Promise.resolve(this.#session);
    this.#opening ??= this.#open();
    return this.#opening;
  }

  async #open(): Promise<Session> {
    const base = this.#options.agent;
    const config = this.#config;
    const extra =
      this.#options.allowInstructions && config.instructions !== base.systemPrompt
        ? config.instructions
        : '';
    const agent: AgentDefinition = {
      ...base,
      systemPrompt: extra === '' ? base.systemPrompt : `${base.systemPrompt}\n\n${extra}`,
      tools: [...base.tools, ...this.#tools.definitions(config.tools)],
      inputMode: config.turnDetection === null ? 'push-to-talk' : 'vad',
      greeting: undefined,
    };
    const session = await this.#options.openSession(agent);
    if (this.#closed) {
      await session.close();
      throw new Error('connection closed');
    }
    this.#session = session;
    this.#unsubscribe = session.subscribe((event) => this.#onSessionEvent(event));
    return session;
  }

  #onSessionEvent(event: SessionEvent): void {
    if (event.type === 'turn.start') this.#activeTurnId = event.turnId;
    if (event.type === 'turn.end' && this.#activeTurnId === event.turnId)
      this.#activeTurnId = undefined;
    if (event.type === 'tool.call') this.#tools.announce(event.name, event.toolCallId);
    const out = this.#mapper.map(event, this.#decoder.receivedMs);
    for (const item of out) {
      if (item.type === 'response.output_audio.delta' && event.type === 'agent.audio') {
        this.#send({
          ...item,
          delta: this.#encoder.encode(this.#config.outputFormat, event.chunk),
        });
      } else {
        this.#send(item);
      }
    }
  }

  #sendAll(events: readonly OutEvent[]): void {
    for (const event of events) this.#send(event);
  }

  #error(problem: EventProblem): void {
    this.#send({
      type: 'error',
      error: {
        type: problem.type,
        code: problem.code,
        message: problem.message,
        param: problem.param,
        event_id: problem.eventId,
      },
    });
  }

  #send(event: OutEvent): void {
    if (this.#closed || this.#socket.readyState !== this.#socket.OPEN) return;
    if (this.#socket.bufferedAmount > (this.#options.maxBufferedBytes ?? 8 * 1024 * 1024)) {
      this.#socket.close(1008, 'client too slow');
      void this.close();
      return;
    }
    this.#socket.send(JSON.stringify({ event_id: realtimeId('event'), ...event }));
  }
}

function lockedChanged(before: RealtimeConfig, after: RealtimeConfig): boolean {
  return (
    before.instructions !== after.instructions ||
    JSON.stringify(before.tools) !== JSON.stringify(after.tools) ||
    (before.turnDetection === null) !== (after.turnDetection === null)
  );
}

function toText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}
