import type { RecordWrite, TurnRecord } from './model.ts';
import type { SqlExecutor, SqlValue } from './sql-driver.ts';

const json = (value: unknown): string | null =>
  value === undefined ? null : JSON.stringify(value);
const flag = (value: boolean): number => (value ? 1 : 0);

/** Writes one record inside a transaction. Every write is an upsert: replaying a batch is safe. */
export async function applyWrite(tx: SqlExecutor, write: RecordWrite): Promise<void> {
  switch (write.kind) {
    case 'conversation-start': {
      const c = write.conversation;
      await tx.query(
        'INSERT INTO conversations (id, agent_id, worker_id, started_at_ms) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
        [c.id, c.agentId, c.workerId ?? null, c.startedAtMs],
      );
      return;
    }
    case 'turn':
      await writeTurn(tx, write.turn);
      return;
    case 'error': {
      const e = write.error;
      await tx.query(
        'INSERT INTO conversation_errors (conversation_id, seq, turn_id, at_ms, code, message, fatal) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (conversation_id, seq) DO NOTHING',
        [e.conversationId, e.seq, e.turnId ?? null, e.atMs, e.code, e.message, flag(e.fatal)],
      );
      return;
    }
    case 'conversation-end': {
      const e = write.end;
      await tx.query('UPDATE conversations SET ended_at_ms = ?, end_reason = ? WHERE id = ?', [
        e.endedAtMs,
        e.endReason,
        e.id,
      ]);
      return;
    }
  }
}

async function writeTurn(tx: SqlExecutor, turn: TurnRecord): Promise<void> {
  const params: SqlValue[] = [
    turn.conversationId,
    turn.turnId,
    turn.startedAtMs,
    turn.endedAtMs ?? null,
    turn.userText,
    turn.agentText,
    turn.heardText,
    flag(turn.interrupted),
    flag(turn.completed),
    turn.metrics?.firstAudioMs ?? null,
    json(turn.metrics),
  ];
  await tx.query(
    `INSERT INTO turns (conversation_id, turn_id, started_at_ms, ended_at_ms, user_text, agent_text,
       heard_text, interrupted, completed, first_audio_ms, metrics_json)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (conversation_id, turn_id) DO UPDATE SET ended_at_ms = excluded.ended_at_ms,
       user_text = excluded.user_text, agent_text = excluded.agent_text,
       heard_text = excluded.heard_text, interrupted = excluded.interrupted,
       completed = excluded.completed, first_audio_ms = excluded.first_audio_ms,
       metrics_json = excluded.metrics_json`,
    params,
  );
  for (const [seq, call] of turn.toolCalls.entries()) {
    await tx.query(
      `INSERT INTO tool_calls (conversation_id, tool_call_id, turn_id, seq, name, arguments_json, ok, result_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (conversation_id, tool_call_id) DO UPDATE SET ok = excluded.ok,
         result_json = excluded.result_json`,
      [
        turn.conversationId,
        call.toolCallId,
        turn.turnId,
        seq,
        call.name,
        json(call.arguments),
        call.ok === undefined ? null : flag(call.ok),
        json(call.result),
      ],
    );
  }
}
