import type { TurnMetrics } from '../spec/metrics.ts';
import type {
  ConversationDetail,
  ConversationQuery,
  ConversationSummary,
  ErrorRecord,
  ToolCallRecord,
  TurnRecord,
} from './model.ts';
import type { SqlExecutor, SqlRow, SqlValue } from './sql-driver.ts';

const MAX_LIMIT = 500;

/** The call log, newest first, with turn and error counts and the median first-audio latency. */
export async function listConversations(
  db: Pick<SqlExecutor, 'query'>,
  query: ConversationQuery = {},
): Promise<ConversationSummary[]> {
  const limit = Math.max(1, Math.min(MAX_LIMIT, Math.floor(query.limit ?? 50)));
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (query.startedBeforeMs !== undefined) {
    where.push('c.started_at_ms < ?');
    params.push(query.startedBeforeMs);
  }
  if (query.agentId !== undefined) {
    where.push('c.agent_id = ?');
    params.push(query.agentId);
  }
  const rows = await db.query(
    `SELECT c.id, c.agent_id, c.worker_id, c.started_at_ms, c.ended_at_ms, c.end_reason,
       (SELECT COUNT(*) FROM turns t WHERE t.conversation_id = c.id) AS turn_count,
       (SELECT COUNT(*) FROM conversation_errors e WHERE e.conversation_id = c.id) AS error_count
     FROM conversations c ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY c.started_at_ms DESC, c.id LIMIT ?`,
    [...params, limit],
  );
  const latencies = await firstAudioByConversation(
    db,
    rows.map((row) => str(row['id'])),
  );
  return rows.map((row) => summary(row, latencies.get(str(row['id'])) ?? []));
}

/** One conversation whole: turns with their tool calls, and errors. Undefined when unknown. */
export async function readConversation(
  db: Pick<SqlExecutor, 'query'>,
  id: string,
): Promise<ConversationDetail | undefined> {
  const [row] = await db.query(
    'SELECT id, agent_id, worker_id, started_at_ms, ended_at_ms, end_reason FROM conversations WHERE id = ?',
    [id],
  );
  if (!row) return undefined;
  const turnRows = await db.query(
    'SELECT * FROM turns WHERE conversation_id = ? ORDER BY turn_id',
    [id],
  );
  const callRows = await db.query(
    'SELECT * FROM tool_calls WHERE conversation_id = ? ORDER BY turn_id, seq',
    [id],
  );
  const errorRows = await db.query(
    'SELECT * FROM conversation_errors WHERE conversation_id = ? ORDER BY seq',
    [id],
  );
  const turns = turnRows.map((t) =>
    turnFromRow(
      t,
      callRows.filter((c) => num(c['turn_id']) === num(t['turn_id'])),
    ),
  );
  const errors = errorRows.map(errorFromRow);
  const latencies = turns.flatMap((t) =>
    t.metrics?.firstAudioMs === undefined ? [] : [t.metrics.firstAudioMs],
  );
  return {
    ...summary({ ...row, turn_count: turns.length, error_count: errors.length }, latencies),
    turns,
    errors,
  };
}

async function firstAudioByConversation(
  db: Pick<SqlExecutor, 'query'>,
  ids: readonly string[],
): Promise<Map<string, number[]>> {
  const byId = new Map<string, number[]>();
  if (ids.length === 0) return byId;
  const rows = await db.query(
    `SELECT conversation_id, first_audio_ms FROM turns
     WHERE first_audio_ms IS NOT NULL AND conversation_id IN (${ids.map(() => '?').join(', ')})`,
    ids,
  );
  for (const row of rows) {
    const id = str(row['conversation_id']);
    const list = byId.get(id) ?? [];
    list.push(num(row['first_audio_ms']));
    byId.set(id, list);
  }
  return byId;
}

/** The middle value (mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? sorted[middle]
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function summary(row: SqlRow, firstAudioMs: readonly number[]): ConversationSummary {
  const startedAtMs = num(row['started_at_ms']);
  const endedAtMs = optionalNum(row['ended_at_ms']);
  const medianFirstAudioMs = median(firstAudioMs);
  return {
    id: str(row['id']),
    agentId: str(row['agent_id']),
    ...(row['worker_id'] != null && { workerId: str(row['worker_id']) }),
    startedAtMs,
    ...(endedAtMs !== undefined && { endedAtMs, durationMs: endedAtMs - startedAtMs }),
    ...(row['end_reason'] != null && { endReason: str(row['end_reason']) }),
    turnCount: num(row['turn_count']),
    errorCount: num(row['error_count']),
    ...(medianFirstAudioMs !== undefined && { medianFirstAudioMs }),
  };
}

function turnFromRow(row: SqlRow, calls: readonly SqlRow[]): TurnRecord {
  const endedAtMs = optionalNum(row['ended_at_ms']);
  const metrics = parseJson(row['metrics_json']) as TurnMetrics | undefined;
  return {
    conversationId: str(row['conversation_id']),
    turnId: num(row['turn_id']),
    startedAtMs: num(row['started_at_ms']),
    ...(endedAtMs !== undefined && { endedAtMs }),
    userText: str(row['user_text']),
    agentText: str(row['agent_text']),
    heardText: str(row['heard_text']),
    interrupted: bool(row['interrupted']),
    completed: bool(row['completed']),
    ...(metrics !== undefined && { metrics }),
    toolCalls: calls.map(toolCallFromRow),
  };
}

function toolCallFromRow(row: SqlRow): ToolCallRecord {
  return {
    toolCallId: str(row['tool_call_id']),
    name: str(row['name']),
    arguments: parseJson(row['arguments_json']),
    ...(row['ok'] != null && { ok: bool(row['ok']), result: parseJson(row['result_json']) }),
  };
}

function errorFromRow(row: SqlRow): ErrorRecord {
  const turnId = optionalNum(row['turn_id']);
  return {
    conversationId: str(row['conversation_id']),
    seq: num(row['seq']),
    ...(turnId !== undefined && { turnId }),
    atMs: num(row['at_ms']),
    code: str(row['code']),
    message: str(row['message']),
    fatal: bool(row['fatal']),
  };
}

/** Text columns come back as strings from both engines. */
const str = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));
/** PostgreSQL returns BIGINT and COUNT as strings and BOOLEAN as boolean; SQLite as numbers. */
const num = (value: unknown): number => Number(value);
const optionalNum = (value: unknown): number | undefined =>
  value === null || value === undefined ? undefined : Number(value);
const bool = (value: unknown): boolean => value === true || value === 1 || value === '1';
const parseJson = (value: unknown): unknown =>
  value === null || value === undefined ? undefined : (JSON.parse(str(value)) as unknown);
