import assert from 'node:assert/strict';
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { startPostgres, type LocalServer } from '../../src/testing/local-servers.ts';

const root = join(import.meta.dirname, '../..');

interface RefundResult {
  readonly refund_id?: string;
  readonly already_requested?: boolean;
  readonly message?: string;
  readonly error?: string;
}

/** A refund worker process, resolved once it is connected and waiting for `go`. */
async function refundWorker(databaseUrl: string) {
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'test/cluster/refund-worker.ts')],
    {
      cwd: root,
      env: {
        ...process.env,
        PARLEY_AGENTS_DATABASE_URL: databaseUrl,
        ORDER: '8800',
        OWNER: 'C-1008',
        REFUNDS: '8',
      },
    },
  );
  let output = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => (output += text));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const lines: string[] = [];
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      lines.push(...text.split('\n').filter(Boolean));
      if (lines.includes('ready')) resolve();
    });
    void exited.then((code) => reject(new Error(`refund worker exited ${code}: ${output}`)));
  });
  await ready;
  return {
    go: () => child.stdin.write('go\n'),
    async results(): Promise<RefundResult[]> {
      const code = await exited;
      assert.equal(code, 0, output);
      return JSON.parse(lines.at(-1) ?? '[]') as RefundResult[];
    },
    kill: () => child.kill('SIGKILL'),
  };
}

describe("agents' business data shared by worker processes (a real PostgreSQL)", () => {
  let server: LocalServer;
  before(async () => {
    server = await startPostgres();
  });
  after(async () => {
    await server.stop();
  });

  it('refunds an order once when two worker processes are asked to refund it at the same moment', async () => {
    const workers = await Promise.all([refundWorker(server.url), refundWorker(server.url)]);
    try {
      for (const worker of workers) worker.go();
      const results = (await Promise.all(workers.map((w) => w.results()))).flat();
      assert.equal(results.length, 16);
      assert.deepEqual(
        results.filter((r) => r.error !== undefined),
        [],
      );
      const done = results.filter((r) => r.already_requested === false);
      assert.equal(done.length, 1, 'exactly one request made the refund');
      assert.match(done[0]?.message ?? '', /^Done\. Refund R-/);
      assert.equal(new Set(results.map((r) => r.refund_id)).size, 1);
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      try {
        const rows = await client.query("SELECT refund_id FROM refunds WHERE order_id = '8800'");
        assert.deepEqual(
          rows.rows.map((row: { refund_id: string }) => row.refund_id),
          [done[0]?.refund_id],
        );
      } finally {
        await client.end();
      }
    } finally {
      for (const worker of workers) worker.kill();
    }
  });
});
