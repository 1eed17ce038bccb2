import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCliArgs } from './cli-args.ts';

describe('parseCliArgs', () => {
  it('reads an ingest command with the default sqlite store', () => {
    assert.deepEqual(parseCliArgs(['ingest', '--agent', 'technician', '--dir', 'kb']), {
      command: 'ingest',
      agentId: 'technician',
      dir: 'kb',
      target: { kind: 'sqlite', path: '.data/parley.db' },
    });
  });

  it('reads a query command with the question from the remaining words', () => {
    const parsed = parseCliArgs([
      'query',
      '--agent',
      'support',
      '--pglite',
      'pgdata',
      'refund',
      'time',
    ]);
    assert.deepEqual(parsed, {
      command: 'query',
      agentId: 'support',
      query: 'refund time',
      topK: 3,
      target: { kind: 'pglite', dataDir: 'pgdata' },
    });
  });

  it('rejects an ingest without a folder', () => {
    assert.throws(() => parseCliArgs(['ingest', '--agent', 'x']), { code: 'config' });
  });

  it('rejects an unknown command', () => {
    assert.throws(() => parseCliArgs(['explode', '--agent', 'x']), { code: 'config' });
  });
});
