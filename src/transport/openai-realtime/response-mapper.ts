import type { SessionEvent } from '../../spec/events.ts';
import { realtimeId } from './ids.ts';
import { responseObject } from './response-object.ts';
import type { RealtimeConfig } from './session-config.ts';

/** A Realtime server event, before its `event_id` is stamped on. */
export type OutEvent = { readonly type: string } & Record<string, unknown>;

interface MessageItem {
  readonly id: string;
  readonly outputIndex: number;
  transcript: string;
  audioMs: number;
}

export interface OpenResponse {
  readonly id: string;
  readonly turnId: number;
  readonly output: Record<string, unknown>[];
  message: MessageItem | undefined;
  outputChars: number;
}

/** Where assistant audio went, so `conversation.item.truncate` finds its Parley turn. */
export interface AssistantItem {
  readonly turnId: number;
  audioMs: number;
}

/**
 * Turns a Parley session's events into Realtime server events, keeping the response and
 * item bookkeeping (ids, output indexes, transcripts, previous item ids). Pure: no I/O.
 * One Parley turn is one response, except that a call to a *client* tool ends the response
 * (as the API does) and the rest of the turn, after the client's output, is a new one.
 */
export class ResponseMapper {
  readonly assistantItems = new Map<string, AssistantItem>();
  #previousItemId: string | null = null;
  #speechItemId: string | undefined;
  #response: OpenResponse | undefined;
  #inputChars = 0;
  #cancelReason: 'turn_detected' | 'client_cancelled' = 'turn_detected';
  /** Turns started by text the client sent (their items were added already). */
  readonly #textTurns = new Set<number>();
  #pendingTextTurn = false;

  constructor(
    private readonly config: () => RealtimeConfig,
    private readonly clientTools: () => ReadonlySet<string>,
  ) {}

  /** The next turn was started by `conversation.item.create` text, not by speech. */
  expectTextTurn(chars: number): void {
    this.#pendingTextTurn = true;
    this.#inputChars += chars;
  }

  /** A user item the client created: it becomes the conversation's latest item. */
  addClientItem(item: Record<string, unknown> & { id: string }): OutEvent[] {
    const previous = this.#previousItemId;
    this.#previousItemId = item.id;
    return [
      { type: 'conversation.item.added', previous_item_id: previous, item },
      { type: 'conversation.item.done', previous_item_id: previous, item },
    ];
  }

  /** The client asked for a response: opens one now if the turn is waiting on nothing else. */
  requestResponse(turnId: number | undefined): OutEvent[] {
    if (this.#response || turnId === undefined) return [];
    return this.#open(turnId);
  }

  markCancelledByClient(): void {
    this.#cancelReason = 'client_cancelled';
  }

  get openResponseId(): string | undefined {
    return this.#response?.id;
  }

  map(event: SessionEvent, inputMs: number): OutEvent[] {
    switch (event.type) {
      case 'user.speech-start':
        this.#speechItemId = realtimeId('item');
        return [
          {
            type: 'input_audio_buffer.speech_started',
            audio_start_ms: Math.max(0, Math.round(inputMs)),
            item_id: this.#speechItemId,
          },
        ];
      case 'user.speech-end':
        return [
          {
            type: 'input_audio_buffer.speech_stopped',
            audio_end_ms: Math.max(0, Math.round(inputMs)),
            item_id: this.#speechItemId ?? realtimeId('item'),
          },
        ];
      case 'turn.start':
        return [...this.#userTurn(event.turnId, event.userText), ...this.#open(event.turnId)];
      case 'agent.text':
      case 'filler':
        return this.#transcript(event.turnId, event.text);
      case 'agent.audio':
        return this.#audio(event.turnId, event.chunk.samples.length, event.chunk.sampleRate);
      case 'tool.call':
        return this.clientTools().has(event.name)
          ? this.#functionCall(event.turnId, event.toolCallId, event.name, event.arguments)
          : [];
      case 'turn.end':
        return this.#close(
          event.turnId,
          event.interrupted || event.cancelled === true ? 'cancelled' : 'completed',
        );
      case 'error':
        return [
          {
            type: 'error',
            error: {
              type: 'server_error',
              code: event.error.code,
              message: event.error.message,
              param: null,
              event_id: null,
            },
          },
        ];
      case 'agent.audio.start':
      case 'agent.audio.end':
      case 'agent.paused':
      case 'agent.resumed':
      case 'agent.word':
      case 'interrupt':
      case 'metrics.turn':
      case 'retrieval':
      case 'tool.progress':
      case 'tool.result':
      case 'transcript.final':
      case 'transcript.interim':
      case 'user.backchannel':
        // No Realtime counterpart: the response's status and the truncate carry these.
        return [];
    }
  }

  #userTurn(turnId: number, text: string): OutEvent[] {
    if (this.#pendingTextTurn || text === '') {
      this.#pendingTextTurn = false;
      this.#textTurns.add(turnId);
      return [];
    }
    this.#inputChars += text.length;
    const id = this.#speechItemId ?? realtimeId('item');
    this.#speechItemId = undefined;
    const previous = this.#previousItemId;
    this.#previousItemId = id;
    const item = {
      id,
      object: 'realtime.item',
      type: 'message',
      status: 'completed',
      role: 'user',
      content: [{ type: 'input_audio', transcript: text }],
    };
    const events: OutEvent[] = [
      { type: 'input_audio_buffer.committed', previous_item_id: previous, item_id: id },
      { type: 'conversation.item.added', previous_item_id: previous, item },
      { type: 'conversation.item.done', previous_item_id: previous, item },
    ];
    if (this.config().transcriptionModel !== null) {
      events.push({
        type: 'conversation.item.input_audio_transcription.completed',
        item_id: id,
        content_index: 0,
        transcript: text,
        usage: { type: 'duration', seconds: 0 },
      });
    }
    return events;
  }

  #open(turnId: number): OutEvent[] {
    this.#cancelReason = 'turn_detected';
    const response: OpenResponse = {
      id: realtimeId('resp'),
      turnId,
      output: [],
      message: undefined,
      outputChars: 0,
    };
    this.#response = response;
    return [
      {
        type: 'response.created',
        response: responseObject(response, this.config(), this.#inputChars, 'in_progress', null),
      },
    ];
  }

  #ensure(turnId: number): { events: OutEvent[]; response: OpenResponse } {
    const events: OutEvent[] = [];
    if (this.#response?.turnId !== turnId) {
      if (this.#response) events.push(...this.#close(this.#response.turnId, 'completed'));
      events.push(...this.#open(turnId));
    }
    const response = this.#response as OpenResponse;
    if (!response.message) {
      const message: MessageItem = {
        id: realtimeId('item'),
        outputIndex: response.output.length,
        transcript: '',
        audioMs: 0,
      };
      response.message = message;
      this.assistantItems.set(message.id, { turnId, audioMs: 0 });
      const item = {
        id: message.id,
        object: 'realtime.item',
        type: 'message',
        status: 'in_progress',
        role: 'assistant',
        content: [],
      };
      const previous = this.#previousItemId;
      this.#previousItemId = message.id;
      events.push(
        {
          type: 'response.output_item.added',
          response_id: response.id,
          output_index: message.outputIndex,
          item,
        },
        { type: 'conversation.item.added', previous_item_id: previous, item },
        {
          type: 'response.content_part.added',
          response_id: response.id,
          item_id: message.id,
          output_index: message.outputIndex,
          content_index: 0,
          part: { type: 'audio', transcript: '' },
        },
      );
    }
    return { events, response };
  }

  #where(response: OpenResponse, message: MessageItem) {
    return {
      response_id: response.id,
      item_id: message.id,
      output_index: message.outputIndex,
      content_index: 0,
    };
  }

  #transcript(turnId: number, text: string): OutEvent[] {
    const { events, response } = this.#ensure(turnId);
    const message = response.message as MessageItem;
    const delta = message.transcript === '' ? text : ` ${text}`;
    message.transcript += delta;
    response.outputChars += text.length;
    events.push({
      type: 'response.output_audio_transcript.delta',
      ...this.#where(response, message),
      delta,
    });
    return events;
  }

  /** Audio deltas are encoded by the connection: this returns the event without `delta`. */
  #audio(turnId: number, samples: number, sampleRate: number): OutEvent[] {
    const { events, response } = this.#ensure(turnId);
    const message = response.message as MessageItem;
    message.audioMs += (samples * 1_000) / sampleRate;
    const item = this.assistantItems.get(message.id);
    if (item) item.audioMs = message.audioMs;
    events.push({ type: 'response.output_audio.delta', ...this.#where(response, message) });
    return events;
  }

  #finishMessage(response: OpenResponse, status: 'completed' | 'incomplete'): OutEvent[] {
    const message = response.message;
    if (!message) return [];
    response.message = undefined;
    const where = this.#where(response, message);
    const item = {
      id: message.id,
      object: 'realtime.item',
      type: 'message',
      status,
      role: 'assistant',
      content: [{ type: 'output_audio', transcript: message.transcript }],
    };
    response.output.push(item);
    return [
      { type: 'response.output_audio.done', ...where },
      { type: 'response.output_audio_transcript.done', ...where, transcript: message.transcript },
      {
        type: 'response.content_part.done',
        ...where,
        part: { type: 'audio', transcript: message.transcript },
      },
      {
        type: 'response.output_item.done',
        response_id: response.id,
        output_index: message.outputIndex,
        item,
      },
      { type: 'conversation.item.done', previous_item_id: null, item },
    ];
  }

  #functionCall(turnId: number, callId: string, name: string, args: unknown): OutEvent[] {
    const events: OutEvent[] = [];
    if (this.#response?.turnId !== turnId) {
      if (this.#response) events.push(...this.#close(this.#response.turnId, 'completed'));
      events.push(...this.#open(turnId));
    }
    const response = this.#response as OpenResponse;
    events.push(...this.#finishMessage(response, 'completed'));
    const json = typeof args === 'string' ? args : JSON.stringify(args ?? {});
    const id = realtimeId('item');
    const outputIndex = response.output.length;
    const base = { id, object: 'realtime.item', type: 'function_call', call_id: callId, name };
    const previous = this.#previousItemId;
    this.#previousItemId = id;
    const done = { ...base, status: 'completed', arguments: json };
    response.output.push(done);
    events.push(
      {
        type: 'response.output_item.added',
        response_id: response.id,
        output_index: outputIndex,
        item: { ...base, status: 'in_progress', arguments: '' },
      },
      {
        type: 'conversation.item.added',
        previous_item_id: previous,
        item: { ...base, status: 'in_progress', arguments: '' },
      },
      {
        type: 'response.function_call_arguments.delta',
        response_id: response.id,
        item_id: id,
        output_index: outputIndex,
        call_id: callId,
        delta: json,
      },
      {
        type: 'response.function_call_arguments.done',
        response_id: response.id,
        item_id: id,
        output_index: outputIndex,
        call_id: callId,
        name,
        arguments: json,
      },
      {
        type: 'response.output_item.done',
        response_id: response.id,
        output_index: outputIndex,
        item: done,
      },
      { type: 'conversation.item.done', previous_item_id: previous, item: done },
      ...this.#close(turnId, 'completed'),
    );
    return events;
  }

  #close(turnId: number, status: 'completed' | 'cancelled'): OutEvent[] {
    const response = this.#response;
    if (response?.turnId !== turnId) return [];
    this.#response = undefined;
    const events = this.#finishMessage(
      response,
      status === 'cancelled' ? 'incomplete' : 'completed',
    );
    const details =
      status === 'cancelled' ? { type: 'cancelled', reason: this.#cancelReason } : null;
    events.push({
      type: 'response.done',
      response: responseObject(response, this.config(), this.#inputChars, status, details),
    });
    return events;
  }
}
