import type { SessionEvent } from '../spec/events.ts';
import type { ConversationStart, RecordWrite, ToolCallRecord, TurnRecord } from './model.ts';

interface OpenTurn {
  turnId: number;
  startedAtMs: number;
  endedAtMs?: number;
  userText: string;
  agentText: string[];
  heardText?: string;
  interrupted: boolean;
  toolCalls: Map<string, ToolCallRecord>;
}

/**
 * Folds one session's events into record writes, pure: `next(event, nowMs)` returns the
 * writes the event completes. A turn is written as soon as it ends (its metrics follow
 * `turn.end` in the same tick), so a worker dying later loses none of it.
 */
export class SessionRecorder {
  readonly #conversation: ConversationStart;
  readonly #turns = new Map<number, OpenTurn>();
  #errorSeq = 0;
  #lastTurnId: number | undefined;
  #ended = false;

  constructor(conversation: ConversationStart) {
    this.#conversation = conversation;
  }

  start(): RecordWrite[] {
    return [{ kind: 'conversation-start', conversation: this.#conversation }];
  }

  next(event: SessionEvent, nowMs: number): RecordWrite[] {
    if (this.#ended) return [];
    switch (event.type) {
      case 'turn.start':
        this.#lastTurnId = event.turnId;
        this.#turns.set(event.turnId, {
          turnId: event.turnId,
          startedAtMs: nowMs,
          userText: event.userText,
          agentText: [],
          interrupted: false,
          toolCalls: new Map(),
        });
        return [];
      case 'agent.text':
      case 'filler':
        this.#open(event.turnId, nowMs).agentText.push(event.text);
        return [];
      case 'interrupt': {
        const turn = this.#turns.get(event.turnId);
        if (turn) Object.assign(turn, { interrupted: true, heardText: event.heardText });
        return [];
      }
      case 'tool.call':
        this.#open(event.turnId, nowMs).toolCalls.set(event.toolCallId, {
          toolCallId: event.toolCallId,
          name: event.name,
          arguments: event.arguments,
        });
        return [];
      case 'tool.result': {
        const calls = this.#turns.get(event.turnId)?.toolCalls;
        const call = calls?.get(event.toolCallId);
        calls?.set(event.toolCallId, {
          toolCallId: event.toolCallId,
          name: event.name,
          arguments: call?.arguments,
          ok: event.ok,
          result: event.result,
        });
        return [];
      }
      case 'turn.end': {
        const turn = this.#turns.get(event.turnId);
        if (turn) Object.assign(turn, { endedAtMs: nowMs, interrupted: event.interrupted });
        return [];
      }
      case 'metrics.turn': {
        const turn = this.#turns.get(event.metrics.turnId);
        if (!turn) return [];
        this.#turns.delete(turn.turnId);
        return [{ kind: 'turn', turn: this.#record(turn, true, event.metrics) }];
      }
      case 'error':
        return [
          {
            kind: 'error',
            error: {
              conversationId: this.#conversation.id,
              seq: this.#errorSeq++,
              ...(this.#lastTurnId !== undefined && { turnId: this.#lastTurnId }),
              atMs: nowMs,
              code: event.error.code,
              message: event.error.message,
              fatal: event.fatal,
            },
          },
        ];
      case 'user.speech-start':
      case 'user.speech-end':
      case 'user.backchannel':
      case 'transcript.interim':
      case 'transcript.final':
      case 'agent.word':
      case 'agent.audio.start':
      case 'agent.audio':
      case 'agent.audio.end':
      case 'agent.paused':
      case 'agent.resumed':
      case 'tool.progress':
      case 'retrieval':
        return [];
    }
  }

  /** The conversation is over: turns still open are written as not completed. */
  end(nowMs: number, endReason: string): RecordWrite[] {
    if (this.#ended) return [];
    this.#ended = true;
    const open = [...this.#turns.values()].map((turn): RecordWrite => ({
      kind: 'turn',
      turn: this.#record(turn, false),
    }));
    this.#turns.clear();
    return [
      ...open,
      { kind: 'conversation-end', end: { id: this.#conversation.id, endedAtMs: nowMs, endReason } },
    ];
  }

  /** The greeting has no `turn.start`: its first text opens it, with no user words. */
  #open(turnId: number, nowMs: number): OpenTurn {
    let turn = this.#turns.get(turnId);
    if (!turn) {
      turn = {
        turnId,
        startedAtMs: nowMs,
        userText: '',
        agentText: [],
        interrupted: false,
        toolCalls: new Map(),
      };
      this.#turns.set(turnId, turn);
    }
    return turn;
  }

  #record(turn: OpenTurn, completed: boolean, metrics?: TurnRecord['metrics']): TurnRecord {
    const agentText = turn.agentText.join(' ').replace(/\s+/g, ' ').trim();
    return {
      conversationId: this.#conversation.id,
      turnId: turn.turnId,
      startedAtMs: turn.startedAtMs,
      ...(turn.endedAtMs !== undefined && { endedAtMs: turn.endedAtMs }),
      userText: turn.userText,
      agentText,
      heardText: turn.interrupted ? (turn.heardText ?? '') : completed ? agentText : '',
      interrupted: turn.interrupted,
      completed,
      ...(metrics !== undefined && { metrics }),
      toolCalls: [...turn.toolCalls.values()],
    };
  }
}
