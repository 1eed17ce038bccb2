import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startSupportServer, type SupportServer } from './support-server.fixture.ts';
import { TestClient } from './ws-test-client.fixture.ts';

describe('load: one client cannot hurt the others', () => {
  let running: SupportServer;
  before(async () => {
    running = await startSupportServer({ admission: { maxConnectionsPerAddress: 600 } });
  });
  after(() => running.stop());

  it("keeps a healthy session's first audio under 1 s while another floods typed text", async () => {
    const healthy = await TestClient.started(running.baseUrl, 'support');
    const flooder = await TestClient.started(running.baseUrl, 'support');
    const quietMs = await healthy.firstAudioMs('Where is my order?');
    await healthy.waitFor('turn.end');
    const words = 'order refund technician where is my money back please check '.repeat(40);
    for (let i = 0; i < 200; i++)
      flooder.sendJson({ type: 'text.input', text: words.slice(0, 1_990) + i });
    const ms = await healthy.firstAudioMs('Where is my order?');
    const refused = flooder.messages.filter((m) => m.type === 'error' && m.code === 'rate-limited');
    assert.ok(refused.length >= 1, 'the flood was charged by characters and cut');
    // On a loaded shared machine even a quiet turn can be slow: the flood may add < 1 s.
    assert.ok(ms - quietMs < 1_000, `first audio ${quietMs.toFixed(0)} → ${ms.toFixed(0)} ms`);
    console.log(`first audio: ${quietMs.toFixed(0)} ms alone, ${ms.toFixed(0)} ms beside a flood`);
    await Promise.all([healthy.close(), flooder.close()]);
  });

  it('holds 500 connections that never start a session in under 50 MB', async () => {
    for (let i = 0; i < 200 && running.server.connectionCount > 0; i++)
      await new Promise((r) => setTimeout(r, 10));
    globalThis.gc?.();
    const rssBefore = process.memoryUsage().rss;
    const clients: TestClient[] = [];
    for (let i = 0; i < 500; i += 50)
      clients.push(
        ...(await Promise.all(Array.from({ length: 50 }, () => TestClient.open(running.baseUrl)))),
      );
    globalThis.gc?.();
    const grownMb = (process.memoryUsage().rss - rssBefore) / 1024 / 1024;
    assert.equal(running.server.connectionCount, 500);
    console.log(
      `500 idle connections (server and clients in one process): +${grownMb.toFixed(1)} MB RSS`,
    );
    assert.ok(grownMb < 50, `+${grownMb.toFixed(1)} MB`);
    await Promise.all(clients.map((client) => client.close()));
  });
});
