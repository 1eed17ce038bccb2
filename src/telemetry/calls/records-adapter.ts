import type { TurnMetrics } from '../../spec/metrics.ts';
import type {
  CallListItem,
  CallLogSource,
  CallSummary,
  TurnSummary,
  WaterfallBar,
} from './model.ts';

/**
 * The reading side of a conversation records store (src/records' RecordStore, SQLite or
 * PostgreSQL), described here by shape only so this folder does not depend on it.
 */
export interface RecordsReader {
  listConversations(query?: { readonly limit?: number }): Promise<readonly RecordedSummary[]>;
  getConversation(id: string): Promise<RecordedDetail | undefined>;
}

export interface RecordedSummary {
  readonly id: string;
  readonly agentId: string;
  readonly startedAtMs: number;
  readonly durationMs?: number;
  readonly turnCount: number;
  readonly medianFirstAudioMs?: number;
}

export interface RecordedTurn {
  readonly turnId: number;
  readonly userText: string;
  readonly agentText: string;
  readonly heardText: string;
  readonly interrupted: boolean;
  readonly metrics?: TurnMetrics;
  readonly toolCalls: readonly {
    readonly name: string;
    readonly arguments: unknown;
    readonly ok?: boolean;
    readonly result?: unknown;
  }[];
}

export interface RecordedDetail extends RecordedSummary {
  readonly turns: readonly RecordedTurn[];
}

/**
 * A turn's waterfall from its figures alone (a store keeps metrics, not event times):
 * endpointing and STT from the user's stop, retrieval then the LLM's first token after the
 * turn was detected, and first audio.
 */
export function waterfallFromMetrics(m: TurnMetrics): WaterfallBar[] {
  const bars: WaterfallBar[] = [];
  const detected = m.endpointingMs ?? 0;
  const add = (name: string, startMs: number, durationMs: number | undefined) => {
    if (durationMs !== undefined) bars.push({ name, startMs, endMs: startMs + durationMs });
  };
  add('parley.endpointing', 0, m.endpointingMs);
  add('parley.stt.final', 0, m.sttFinalMs);
  add('parley.retrieval', detected, m.retrievalMs);
  add('chat (first token)', detected + (m.retrievalMs ?? 0), m.llmFirstTokenMs);
  if (m.firstAudioMs !== undefined && m.ttsFirstAudioMs !== undefined) {
    add('parley.tts.first_audio', m.firstAudioMs - m.ttsFirstAudioMs, m.ttsFirstAudioMs);
  }
  add('first audio', 0, m.firstAudioMs);
  const endMs = Math.max(0, ...bars.map((b) => b.endMs));
  return [{ name: 'parley.turn', startMs: 0, endMs }, ...bars];
}

function turnSummary(turn: RecordedTurn): TurnSummary {
  const heard = turn.heardText.trim();
  const all = turn.agentText.trim();
  return {
    turnId: turn.turnId,
    userText: turn.userText,
    heardText: heard,
    unheardText: turn.interrupted && all.startsWith(heard) ? all.slice(heard.length).trim() : '',
    interrupted: turn.interrupted,
    firstAudioMs: turn.metrics?.firstAudioMs,
    tools: turn.toolCalls.map((t) => ({
      name: t.name,
      arguments: t.arguments,
      ok: t.ok,
      result: t.result,
      durationMs: undefined,
    })),
    waterfall: turn.metrics ? waterfallFromMetrics(turn.metrics) : [],
  };
}

/** The call log over a records store; agent names from `agentName`, recordings from `hasRecording`. */
export function callLogFromRecords(
  reader: RecordsReader,
  agentName: (agentId: string) => string,
  hasRecording: (id: string) => Promise<boolean>,
): CallLogSource {
  const item = (s: RecordedSummary): CallListItem => ({
    id: s.id,
    agentId: s.agentId,
    agentName: agentName(s.agentId),
    startedAtEpochMs: s.startedAtMs,
    durationMs: s.durationMs ?? 0,
    turns: s.turnCount,
    medianFirstAudioMs: s.medianFirstAudioMs,
  });
  return {
    async list(options = {}) {
      const rows = await reader.listConversations({ limit: Math.min(options.limit ?? 200, 500) });
      return rows.map(item);
    },
    async get(id) {
      const detail = await reader.getConversation(id);
      if (!detail) return undefined;
      const call: CallSummary = {
        ...item(detail),
        turnList: detail.turns.map(turnSummary),
        hasRecording: await hasRecording(id),
      };
      return call;
    },
  };
}
