import { randomId } from '../shared/ids.ts';
import { lazyDatabase, openAgentDatabase, type AgentDatabase } from '../shared/database.ts';

export type Severity = 'low' | 'medium' | 'high' | 'critical';

export interface IncidentRow {
  readonly incident_id: string;
  readonly session_id: string;
  readonly severity: Severity;
  readonly description: string;
  readonly created_at: string;
}

/** Incident reports filed by technicians (SQLite). */
export class IncidentStore {
  readonly #db;

  constructor(dataDir: string) {
    this.#db = lazyDatabase(() => {
      const db = openAgentDatabase(dataDir, 'technician.sqlite');
      db.exec(`CREATE TABLE IF NOT EXISTS incidents (
        incident_id TEXT PRIMARY KEY, session_id TEXT NOT NULL,
        severity TEXT NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')),
        description TEXT NOT NULL, created_at TEXT NOT NULL)`);
      return db;
    });
  }

  get db(): AgentDatabase {
    return this.#db.get();
  }

  log(sessionId: string, severity: Severity, description: string): IncidentRow {
    const row: IncidentRow = {
      incident_id: randomId('INC'),
      session_id: sessionId,
      severity,
      description,
      created_at: new Date().toISOString(),
    };
    this.db
      .prepare(
        `INSERT INTO incidents (incident_id, session_id, severity, description, created_at)
         VALUES (@incident_id, @session_id, @severity, @description, @created_at)`,
      )
      .run(row);
    return row;
  }

  close(): void {
    this.#db.close();
  }
}
