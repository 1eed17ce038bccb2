import { after, before, describe } from 'node:test';
import { startPostgres, type LocalServer } from '../testing/local-servers.ts';
import { postgresDriver } from './postgres-driver.ts';
import { storeCases } from './store.case.ts';
import { openRecordStore } from './store.ts';

describe('PostgreSQL record store (a real server started for the test)', () => {
  let server: LocalServer;
  before(async () => {
    server = await startPostgres();
  });
  after(async () => {
    await server.stop();
  });
  storeCases('postgres', async () => {
    // Two stores opening at once: the advisory lock lets one migrate and the other wait.
    const [first, second] = await Promise.all([
      openRecordStore(postgresDriver({ connectionString: server.url })),
      openRecordStore(postgresDriver({ connectionString: server.url })),
    ]);
    await second.close();
    return first;
  });
});
