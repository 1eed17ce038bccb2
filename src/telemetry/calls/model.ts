/** One stage bar of a turn's latency waterfall, in ms from the turn's start. */
export interface WaterfallBar {
  readonly name: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly error?: boolean;
}

export interface ToolCallSummary {
  readonly name: string;
  readonly arguments: unknown;
  readonly ok: boolean | undefined;
  readonly result: unknown;
  readonly durationMs: number | undefined;
}

export interface TurnSummary {
  readonly turnId: number;
  readonly userText: string;
  /** What the caller heard of the reply, and what was cut off unheard by a barge-in. */
  readonly heardText: string;
  readonly unheardText: string;
  readonly interrupted: boolean;
  readonly firstAudioMs: number | undefined;
  readonly tools: readonly ToolCallSummary[];
  readonly waterfall: readonly WaterfallBar[];
}

export interface CallListItem {
  readonly id: string;
  readonly agentId: string;
  readonly agentName: string;
  readonly startedAtEpochMs: number;
  readonly durationMs: number;
  readonly turns: number;
  readonly medianFirstAudioMs: number | undefined;
}

export interface CallSummary extends CallListItem {
  readonly turnList: readonly TurnSummary[];
  readonly hasRecording: boolean;
}

/**
 * Where the call log reads from. This folder keeps a small store of its own
 * (MemoryCallLog); a deployment's conversation records (src/records, SQLite or
 * PostgreSQL) plug in here through an adapter.
 */
export interface CallLogSource {
  /** Newest first. */
  list(options?: {
    readonly limit?: number;
    readonly signal?: AbortSignal;
  }): Promise<CallListItem[]>;
  get(id: string, options?: { readonly signal?: AbortSignal }): Promise<CallSummary | undefined>;
}

export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
