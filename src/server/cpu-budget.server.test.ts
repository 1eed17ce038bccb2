import assert from 'node:assert/strict';
import { pbkdf2Sync } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { AgentDefinition } from '../spec/agent.ts';
import type { ServerMessage } from '../transport/messages.ts';
import { openCpuAccountCount } from './cpu-accounting.ts';
import type { SessionCpuReport } from './cpu-guarded-session.ts';
import { startSupportServer, type SupportServer } from './support-server.fixture.ts';
import { TestClient } from './ws-test-client.fixture.ts';

/** Synchronous work per order look-up (a slow hash, as a tool checking a PIN might do): 4 a second saturate the loop. */
const TOOL_WORK_MS = 300;
/** The abuser's pace: 4 turns of 23 characters a second, inside the 100 characters/s text limit. */
const ABUSE_EVERY_MS = 250;
const ABUSE_TEXT = 'Where is my order 4571?';

function calibratedIterations(targetMs: number): number {
  const probe = 20_000;
  const started = performance.now();
  pbkdf2Sync('1234', 'salt', probe, 32, 'sha256');
  return Math.max(1_000, Math.round((probe * targetMs) / (performance.now() - started)));
}

/** The support agent whose order look-up also runs ~TOOL_WORK_MS of synchronous hashing. */
function withCostlyLookUp(iterations: number, calls: { count: number }) {
  return (agent: AgentDefinition): AgentDefinition => ({
    ...agent,
    tools: agent.tools.map((tool) =>
      tool.name !== 'get_order_status'
        ? tool
        : {
            ...tool,
            execute: (args: unknown, context: Parameters<typeof tool.execute>[1]) => {
              calls.count += 1;
              pbkdf2Sync('1234', 'salt', iterations, 32, 'sha256');
              return tool.execute(args, context);
            },
          },
    ),
  });
}

/** First audio of `count` typed turns, one after another. */
async function firstAudios(client: TestClient, count: number): Promise<number[]> {
  const figures: number[] = [];
  for (let i = 0; i < count; i++) {
    const before = client.messages.length;
    figures.push(await client.firstAudioMs('Where is my order?'));
    await client.waitFor('turn.end', (m) => client.messages.indexOf(m) >= before, 20_000);
  }
  return figures;
}

const describeMs = (figures: readonly number[]) =>
  `median ${[...figures].sort((a, b) => a - b)[figures.length >> 1]?.toFixed(0)} ms, max ${Math.max(...figures).toFixed(0)} ms`;

const isRateLimited = (m: ServerMessage) => m.type === 'error' && m.code === 'rate-limited';

/** Types ABUSE_TEXT every ABUSE_EVERY_MS until stopped. */
function abuse(client: TestClient): () => void {
  const timer = setInterval(
    () => client.sendJson({ type: 'text.input', text: ABUSE_TEXT }),
    ABUSE_EVERY_MS,
  );
  return () => clearInterval(timer);
}

describe('per-session CPU budget: one costly session is throttled, never the others', () => {
  const reports: SessionCpuReport[] = [];
  const calls = { count: 0 };
  let running: SupportServer;
  before(async () => {
    running = await startSupportServer(
      { cpuBudget: { cpuMsPerSecond: 100, burstCpuMs: 400 }, onSessionCpu: (r) => reports.push(r) },
      { adaptAgent: withCostlyLookUp(calibratedIterations(TOOL_WORK_MS), calls) },
    );
  });
  after(() => running.stop());

  it("refuses the abuser's input with rate-limited and keeps the healthy session's first audio bounded", async () => {
    // A first session pays for the process's lazy set-up (module loads, compiled schemas).
    const warmUp = await TestClient.started(running.baseUrl, 'support');
    await warmUp.firstAudioMs('Where is my order?');
    await warmUp.close();
    reports.length = 0;
    const healthy = await TestClient.started(running.baseUrl, 'support');
    const abuser = await TestClient.started(running.baseUrl, 'support');
    const quietMs = await healthy.firstAudioMs('Where is my order?');
    await healthy.waitFor('turn.end');
    const stop = abuse(abuser);
    try {
      const refusal = await abuser.waitFor('error', (m) => m.code === 'rate-limited', 20_000);
      assert.match(refusal.message, /share of the server's processor \(100 ms a second\)/);
      const callsAtRefusal = calls.count;
      const refusedAtMs = performance.now();
      const busy = await firstAudios(healthy, 5); // the abuser keeps typing meanwhile
      await new Promise((r) => setTimeout(r, 500));
      // Unthrottled it would run up to 4 look-ups a second; its budget (100 ms/s) pays for one
      // every 3 s, plus the one in flight at the refusal: at most one a second, with room.
      const allowed = callsAtRefusal + 2 + Math.floor((performance.now() - refusedAtMs) / 1000);
      assert.ok(calls.count <= allowed, `the abuser ran ${calls.count} look-ups (≤ ${allowed})`);
      assert.equal(healthy.messages.filter(isRateLimited).length, 0, 'the healthy one was refused');
      console.log(
        `healthy first audio: ${quietMs.toFixed(0)} ms alone; beside the throttled abuser ${describeMs(busy)} (${callsAtRefusal} costly look-up(s) before its first refusal)`,
      );
      assert.ok(Math.max(...busy) < 1_000, `first audio ${describeMs(busy)}`);
    } finally {
      stop();
    }
    await Promise.all([healthy.close(), abuser.close()]);
    const [first, second] = reports;
    assert.ok(first && second, 'both sessions reported their CPU');
    const abuserReport = reports.find((r) => r.refusedInputs > 0);
    assert.ok(abuserReport, JSON.stringify(reports));
    assert.ok(abuserReport.cpuMs >= 400, `abuser charged ${abuserReport.cpuMs} ms`);
    const healthyReport = reports.find((r) => r !== abuserReport);
    assert.equal(healthyReport?.refusedInputs, 0);
    assert.ok((healthyReport?.cpuMs ?? 0) < abuserReport.cpuMs / 2, JSON.stringify(reports));
  });
});

describe('per-session CPU budget switched off', () => {
  const calls = { count: 0 };
  let running: SupportServer;
  before(async () => {
    running = await startSupportServer(
      { cpuBudget: false },
      { adaptAgent: withCostlyLookUp(calibratedIterations(TOOL_WORK_MS), calls) },
    );
  });
  after(() => running.stop());

  it('measures but never refuses a costly session', async () => {
    const healthy = await TestClient.started(running.baseUrl, 'support');
    const abuser = await TestClient.started(running.baseUrl, 'support');
    const stop = abuse(abuser);
    try {
      await new Promise((r) => setTimeout(r, 1_000));
      const busy = await firstAudios(healthy, 2);
      console.log(`without a budget: healthy first audio beside the abuser ${describeMs(busy)}`);
    } finally {
      stop();
    }
    assert.equal(abuser.messages.filter(isRateLimited).length, 0);
    assert.ok(calls.count >= 5, `only ${calls.count} look-ups ran`);
    await Promise.all([healthy.close(), abuser.close()]);
  });
});

describe('per-session CPU accounts and the server', () => {
  it('leaves no account open (and so no timing hook) once the server has closed', async () => {
    const running = await startSupportServer();
    const client = await TestClient.started(running.baseUrl, 'support');
    await client.firstAudioMs('Where is my order?');
    assert.ok(openCpuAccountCount() >= 1, 'the live session has an account');
    await running.stop();
    assert.equal(openCpuAccountCount(), 0);
    await client.close();
  });
});
