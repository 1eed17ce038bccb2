import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { ParleyMetrics } from '../../src/telemetry/metrics.ts';
import { createTelemetry } from '../../src/telemetry/telemetry.ts';
import { startParley, TOKEN } from './parley-fixture.ts';

async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

interface PromVector {
  readonly status: string;
  readonly data: { readonly result: { metric: Record<string, string>; value: [number, string] }[] };
}

describe("Prometheus scraping a running Parley (Debian's prometheus)", () => {
  let parley: Awaited<ReturnType<typeof startParley>>;
  let prometheus: ChildProcess;
  let promUrl: string;
  let dir: string;
  const log: string[] = [];

  before(async () => {
    parley = await startParley(createTelemetry({ metrics: new ParleyMetrics() }));
    dir = await mkdtemp(join(tmpdir(), 'parley-prom-'));
    const target = new URL(parley.baseUrl).host;
    await writeFile(
      join(dir, 'prometheus.yml'),
      [
        'global:',
        '  scrape_interval: 1s',
        'scrape_configs:',
        '  - job_name: parley',
        '    metrics_path: /metrics',
        '    authorization:',
        '      type: Bearer',
        `      credentials: ${TOKEN}`,
        '    static_configs:',
        `      - targets: ['${target}']`,
        '',
      ].join('\n'),
    );
    const port = await freePort();
    promUrl = `http://127.0.0.1:${port}`;
    prometheus = spawn(
      'prometheus',
      [
        `--config.file=${join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--log.level=warn',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    prometheus.stderr!.on('data', (chunk: Buffer) => log.push(chunk.toString()));
  });

  after(async () => {
    if (prometheus.exitCode === null) {
      const exited = new Promise((resolve) => prometheus.once('exit', resolve));
      prometheus.kill('SIGTERM');
      await exited;
    }
    await parley.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function query(expr: string): Promise<PromVector['data']['result']> {
    const response = await fetch(`${promUrl}/api/v1/query?query=${encodeURIComponent(expr)}`);
    const body = (await response.json()) as PromVector;
    assert.equal(body.status, 'success', JSON.stringify(body));
    return body.data.result;
  }

  /** Polls the query API (the first scrape comes a second or so after start). */
  async function until(expr: string, ok: (v: number) => boolean, limitMs = 45_000) {
    const deadline = Date.now() + limitMs;
    let last: unknown;
    while (Date.now() < deadline) {
      try {
        const result = await query(expr);
        last = result;
        if (result.length > 0 && ok(Number(result[0]!.value[1]))) return result;
      } catch (error: unknown) {
        last = error; // Prometheus still starting
      }
      await sleep(500);
    }
    assert.fail(
      `${expr} never held; last ${JSON.stringify(last)}; prometheus log: ${log.join('')}`,
    );
  }

  it('returns the latency histograms and the turn counter for two answered turns', async () => {
    await parley.converse(['hello', 'how are you']);
    await until('parley_turns_total{job="parley"}', (v) => v === 2);
    const firstAudio = await until('parley_first_audio_seconds_count', (v) => v === 2);
    assert.equal(firstAudio[0]!.metric['agent'], 'test');
    const buckets = await query('parley_first_audio_seconds_bucket');
    assert.ok(buckets.length >= 12, 'every bucket of the histogram is there');
    const p50 = await query('histogram_quantile(0.5, parley_first_audio_seconds_bucket)');
    const p50s = Number(p50[0]!.value[1]);
    assert.ok(p50s > 0 && p50s < 10, `first-audio p50 ${p50s} s`);
    await until('parley_llm_first_token_seconds_count', (v) => v === 2);
    await until('parley_tts_first_audio_seconds_count', (v) => v === 2);
    await until('parley_heard_seconds_count', (v) => v === 2);
    await until('parley_live_sessions', (v) => v === 0);
    const lag = await query('parley_event_loop_lag_seconds');
    assert.equal(lag.length, 1);
  });

  it('refuses /metrics without the token, like every other route', async () => {
    const refused = await fetch(`${parley.baseUrl}/metrics`);
    assert.equal(refused.status, 401);
    const allowed = await fetch(`${parley.baseUrl}/metrics`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    assert.equal(allowed.status, 200);
    assert.match(await allowed.text(), /# TYPE parley_first_audio_seconds histogram/);
  });
});
