import type { Migration } from '../../records/migrate.ts';
import type { SqlRow } from '../../records/sql-driver.ts';
import { type AgentStorage, lazySql, openAgentSql } from '../shared/database.ts';
import { randomId } from '../shared/ids.ts';

export type Severity = 'low' | 'medium' | 'high' | 'critical';

export interface IncidentRow {
  readonly incident_id: string;
  readonly session_id: string;
  readonly severity: Severity;
  readonly description: string;
  readonly created_at: string;
}

/** The incidents schema, the same SQL on SQLite and PostgreSQL; append versions, never edit one. */
const INCIDENT_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'incidents',
    sql: `CREATE TABLE IF NOT EXISTS incidents (
      incident_id TEXT PRIMARY KEY, session_id TEXT NOT NULL,
      severity TEXT NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')),
      description TEXT NOT NULL, created_at TEXT NOT NULL)`,
  },
];

/**
 * Incident reports filed by technicians: SQLite in a data directory, or PostgreSQL
 * (`{ postgresUrl }`) shared by a cluster's workers. Opened and migrated on first use.
 */
export class IncidentStore {
  readonly #sql;

  constructor(storage: AgentStorage) {
    this.#sql = lazySql(() =>
      openAgentSql(
        storage,
        'technician.sqlite',
        INCIDENT_MIGRATIONS,
        'parley_technician_migrations',
      ),
    );
  }

  async log(sessionId: string, severity: Severity, description: string): Promise<IncidentRow> {
    const row: IncidentRow = {
      incident_id: randomId('INC'),
      session_id: sessionId,
      severity,
      description,
      created_at: new Date().toISOString(),
    };
    await (
      await this.#sql.get()
    ).query(
      `INSERT INTO incidents (incident_id, session_id, severity, description, created_at)
       VALUES (?, ?, ?, ?, ?)`,
      [row.incident_id, sessionId, severity, description, row.created_at],
    );
    return row;
  }

  /** The incidents filed, oldest first (of one conversation when `sessionId` is given). */
  async list(sessionId?: string): Promise<IncidentRow[]> {
    const sql = await this.#sql.get();
    const rows =
      sessionId === undefined
        ? await sql.query('SELECT * FROM incidents ORDER BY created_at, incident_id')
        : await sql.query(
            'SELECT * FROM incidents WHERE session_id = ? ORDER BY created_at, incident_id',
            [sessionId],
          );
    return rows.map(incidentRow);
  }

  close(): Promise<void> {
    return this.#sql.close();
  }
}

function incidentRow(row: SqlRow): IncidentRow {
  return {
    incident_id: String(row['incident_id']),
    session_id: String(row['session_id']),
    severity: String(row['severity']) as Severity,
    description: String(row['description']),
    created_at: String(row['created_at']),
  };
}
