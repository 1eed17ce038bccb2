import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { RecordingStore } from '../../src/telemetry/recording/store.ts';
import { decodeStereoWav } from '../../src/telemetry/recording/stereo-wav.ts';
import { createTelemetry } from '../../src/telemetry/telemetry.ts';
import { startParley, TOKEN } from './parley-fixture.ts';

describe('recordings through the server', () => {
  it('serves a recorded call with the token only, and deletes it on DELETE', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'parley-rec-routes-'));
    const store = new RecordingStore(dir);
    const parley = await startParley(createTelemetry({ recordings: store }), {
      recording: { enabled: true, retentionDays: 1 },
    });
    try {
      await parley.converse(['hello']);
      // The recording is written when the session closes, just after the socket does.
      const deadline = Date.now() + 20_000;
      while ((await store.list()).length === 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const [meta] = await store.list();
      assert.ok(meta, 'the call was recorded');
      const url = `${parley.baseUrl}/api/calls/${meta.id}/recording`;
      const auth = { authorization: `Bearer ${TOKEN}` };
      assert.equal((await fetch(url)).status, 401);
      const got = await fetch(url, { headers: auth });
      assert.equal(got.status, 200);
      assert.equal(got.headers.get('content-type'), 'audio/wav');
      const { right } = decodeStereoWav(new Uint8Array(await got.arrayBuffer()));
      assert.ok(
        right.some((s) => s !== 0),
        'the agent channel holds the reply',
      );
      assert.equal((await fetch(url, { method: 'DELETE' })).status, 401);
      assert.equal((await fetch(url, { method: 'DELETE', headers: auth })).status, 204);
      assert.equal((await fetch(url, { headers: auth })).status, 404);
      assert.equal((await fetch(url, { method: 'DELETE', headers: auth })).status, 404);
      const other = await fetch(`${parley.baseUrl}/api/agents`, {
        method: 'DELETE',
        headers: auth,
      });
      assert.equal(other.status, 405, 'DELETE stays refused elsewhere');
    } finally {
      await parley.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('records nothing when the agent has not opted in', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'parley-rec-routes-'));
    const store = new RecordingStore(dir);
    const parley = await startParley(createTelemetry({ recordings: store }));
    try {
      await parley.converse(['hello']);
      await parley.server.close();
      assert.deepEqual(await store.list(), []);
    } finally {
      await parley.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
