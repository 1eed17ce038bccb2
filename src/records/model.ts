import type { TurnMetrics } from '../spec/metrics.ts';

/** A conversation as it starts: who it is with, where it runs, when it began (epoch ms). */
export interface ConversationStart {
  readonly id: string;
  readonly agentId: string;
  /** The worker process that held it; absent in a single process. */
  readonly workerId?: string;
  readonly startedAtMs: number;
}

export interface ToolCallRecord {
  readonly toolCallId: string;
  readonly name: string;
  readonly arguments: unknown;
  /** Absent while the tool had not answered when the turn ended. */
  readonly ok?: boolean;
  readonly result?: unknown;
}

/** One turn: what the user said, what the agent said, and what of it the user heard. */
export interface TurnRecord {
  readonly conversationId: string;
  readonly turnId: number;
  readonly startedAtMs: number;
  /** Absent for a turn cut off by the end of the conversation. */
  readonly endedAtMs?: number;
  readonly userText: string;
  readonly agentText: string;
  /** All of `agentText` unless interrupted; then the words estimated heard. */
  readonly heardText: string;
  readonly interrupted: boolean;
  /** False when the conversation ended before the turn did. */
  readonly completed: boolean;
  readonly metrics?: TurnMetrics;
  readonly toolCalls: readonly ToolCallRecord[];
}

export interface ErrorRecord {
  readonly conversationId: string;
  /** Order of the error within its conversation, from 0. */
  readonly seq: number;
  readonly turnId?: number;
  readonly atMs: number;
  readonly code: string;
  readonly message: string;
  readonly fatal: boolean;
}

export interface ConversationEnd {
  readonly id: string;
  readonly endedAtMs: number;
  /** `closed`, `worker-drained`, `session-expired` … */
  readonly endReason: string;
}

/** One unit of work for a store; a batch of them is written in one transaction, in order. */
export type RecordWrite =
  | { readonly kind: 'conversation-start'; readonly conversation: ConversationStart }
  | { readonly kind: 'turn'; readonly turn: TurnRecord }
  | { readonly kind: 'error'; readonly error: ErrorRecord }
  | { readonly kind: 'conversation-end'; readonly end: ConversationEnd };

/** A row of the call log. */
export interface ConversationSummary {
  readonly id: string;
  readonly agentId: string;
  readonly workerId?: string;
  readonly startedAtMs: number;
  readonly endedAtMs?: number;
  readonly durationMs?: number;
  readonly endReason?: string;
  readonly turnCount: number;
  readonly errorCount: number;
  /** Median of the turns' `firstAudioMs`; absent when no turn has one. */
  readonly medianFirstAudioMs?: number;
}

/** One conversation read back whole. */
export interface ConversationDetail extends ConversationSummary {
  readonly turns: readonly TurnRecord[];
  readonly errors: readonly ErrorRecord[];
}

export interface ConversationQuery {
  /** Default 50, at most 500. */
  readonly limit?: number;
  /** Only conversations that started before this (epoch ms): the next page. */
  readonly startedBeforeMs?: number;
  readonly agentId?: string;
}
