import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startPostgres, type LocalServer } from '../../testing/local-servers.ts';
import type { AgentStorage } from '../shared/database.ts';
import { IncidentStore, type Severity } from './incidents.ts';

function incidentCases(engine: string, storage: () => AgentStorage): void {
  it(`${engine}: keeps every incident filed by two workers at once, readable by either`, async () => {
    const workers = [new IncidentStore(storage()), new IncidentStore(storage())];
    const filed = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        workers[i % 2]!.log(`s-${engine}`, 'high', `seal leak number ${i}`),
      ),
    );
    const listed = await workers[1]!.list(`s-${engine}`);
    assert.deepEqual(
      listed.map((row) => row.incident_id).sort(),
      filed.map((row) => row.incident_id).sort(),
    );
    assert.ok(listed.every((row) => row.severity === 'high'));
    await Promise.all(workers.map((store) => store.close()));
  });

  it(`${engine}: refuses a severity outside the four (the table's CHECK), storing nothing`, async () => {
    const store = new IncidentStore(storage());
    await assert.rejects(store.log('s-bad', 'catastrophic' as Severity, 'x'));
    assert.deepEqual(await store.list('s-bad'), []);
    await store.close();
  });
}

describe('incident store on SQLite', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parley-incidents-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  incidentCases('sqlite', () => dir);
});

describe('incident store on PostgreSQL (a real server started for the test)', () => {
  let server: LocalServer;
  before(async () => {
    server = await startPostgres();
  });
  after(async () => {
    await server.stop();
  });
  incidentCases('postgres', () => ({ postgresUrl: server.url }));
});
