import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError } from '../../spec/errors.ts';
import { assertWritableDataDir, openAgentSql } from './database.ts';
import { randomId } from './ids.ts';

describe('agent databases', () => {
  it('refuses an unwritable data dir with a ConfigError naming the path, not SQLITE_CANTOPEN', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'parley-db-'));
    try {
      await writeFile(join(dir, 'file'), '');
      const bad = join(dir, 'file', 'data');
      assert.throws(
        () => assertWritableDataDir(bad),
        (error: unknown) => {
          assert.ok(error instanceof ConfigError);
          assert.match(error.message, new RegExp(`${bad} is not writable \\(ENOTDIR\\)`));
          return true;
        },
      );
      await assert.rejects(openAgentSql(bad, 'x.sqlite', [], 'x_migrations'), ConfigError);
      const db = await openAgentSql(join(dir, 'ok'), 'x.sqlite', [], 'x_migrations');
      assert.equal(db.engine, 'sqlite');
      await db.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('makes record ids of 75 random bits that read aloud without I, L, O or U', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => randomId('INC')));
    assert.equal(ids.size, 10_000);
    for (const id of [...ids].slice(0, 100))
      assert.match(id, /^INC-[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){2}$/);
  });
});
