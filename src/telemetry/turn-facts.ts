import type { SessionEvent } from '../spec/events.ts';

/** One tool call as the session reported it, on the session's clock. */
export interface ToolFact {
  readonly toolCallId: string;
  readonly name: string;
  readonly arguments: unknown;
  readonly calledAtMs: number;
  resultAtMs?: number;
  ok?: boolean;
  result?: unknown;
}

/** What one turn's events said, each stamped with the session clock when it was emitted. */
export interface TurnFacts {
  readonly turnId: number;
  readonly firstSeenAtMs: number;
  userText?: string;
  startedAtMs?: number;
  firstTextAtMs?: number;
  lastTextAtMs?: number;
  readonly texts: string[];
  audioStartAtMs?: number;
  audioEndAtMs?: number;
  interruptAtMs?: number;
  heardText?: string;
  retrievalPassages?: number;
  falseInterruptions: number;
  readonly tools: ToolFact[];
  endedAtMs?: number;
}

function freshTurn(turnId: number, atMs: number): TurnFacts {
  return { turnId, firstSeenAtMs: atMs, texts: [], tools: [], falseInterruptions: 0 };
}

/**
 * Folds session events into per-turn facts. Pure bookkeeping: the caller stamps each
 * event with its clock and takes a turn's facts away when its metrics arrive.
 */
export class TurnFactsCollector {
  readonly #turns = new Map<number, TurnFacts>();

  /** Records the event; returns the turn it belongs to, if any. */
  add(event: SessionEvent, atMs: number): TurnFacts | undefined {
    if (!('turnId' in event)) return undefined;
    let turn = this.#turns.get(event.turnId);
    if (!turn) {
      turn = freshTurn(event.turnId, atMs);
      this.#turns.set(event.turnId, turn);
    }
    apply(turn, event, atMs);
    return turn;
  }

  /** Removes and returns a turn's facts (when its metrics have arrived). */
  take(turnId: number, atMs: number): TurnFacts {
    const turn = this.#turns.get(turnId) ?? freshTurn(turnId, atMs);
    this.#turns.delete(turnId);
    return turn;
  }

  get openTurns(): number {
    return this.#turns.size;
  }
}

type TurnEvent = Extract<SessionEvent, { turnId: number }>;

function apply(turn: TurnFacts, event: TurnEvent, atMs: number): void {
  switch (event.type) {
    case 'turn.start':
      turn.userText = event.userText;
      turn.startedAtMs = atMs;
      return;
    case 'agent.text':
      turn.firstTextAtMs ??= atMs;
      turn.lastTextAtMs = atMs;
      turn.texts.push(event.text);
      return;
    case 'agent.audio.start':
      turn.audioStartAtMs ??= atMs;
      return;
    case 'agent.audio.end':
      turn.audioEndAtMs = atMs;
      return;
    case 'agent.resumed':
      turn.falseInterruptions += 1;
      return;
    case 'interrupt':
      turn.interruptAtMs = atMs;
      turn.heardText = event.heardText;
      return;
    case 'retrieval':
      turn.retrievalPassages = event.passages.length;
      return;
    case 'tool.call':
      turn.tools.push({
        toolCallId: event.toolCallId,
        name: event.name,
        arguments: event.arguments,
        calledAtMs: atMs,
      });
      return;
    case 'tool.result': {
      const tool = turn.tools.find((t) => t.toolCallId === event.toolCallId);
      if (!tool) return;
      tool.resultAtMs = atMs;
      tool.ok = event.ok;
      tool.result = event.result;
      return;
    }
    case 'turn.end':
      turn.endedAtMs = atMs;
      return;
    case 'agent.word':
    case 'agent.audio':
    case 'agent.paused':
    case 'filler':
    case 'tool.progress':
      return;
  }
}
