import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, it } from 'node:test';
import type { WebSocket } from 'ws';
import { demoAgent, noModels, StubSession } from '../server/stub-session.fixture.ts';
import { VirtualClock } from '../testing/virtual-clock.ts';
import { BrowserConnection } from './browser-connection.ts';
import type { ConnectionLimits } from './limits.ts';
import type { ServerMessage } from './messages.ts';

/** Just enough of a `ws` socket: records what is sent, lets the test play the client. */
class FakeSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  bufferedAmount = 0;
  readonly sent: (ServerMessage | Uint8Array)[] = [];
  closeCode: number | undefined;
  pings = 0;
  terminated = false;
  ping(): void {
    this.pings += 1;
  }
  terminate(): void {
    this.terminated = true;
    this.readyState = 3;
    this.emit('close');
  }
  send(data: string | Uint8Array): void {
    this.sent.push(typeof data === 'string' ? (JSON.parse(data) as ServerMessage) : data);
  }
  close(code: number): void {
    this.closeCode = code;
    this.readyState = 3;
    this.emit('close');
  }
  receive(value: unknown): void {
    this.emit('message', Buffer.from(JSON.stringify(value)), false);
  }
  messages(): ServerMessage[] {
    return this.sent.filter((item): item is ServerMessage => !(item instanceof Uint8Array));
  }
}

async function started(
  clock: VirtualClock,
  limits: Partial<ConnectionLimits> = {},
): Promise<{ socket: FakeSocket; session: StubSession }> {
  const socket = new FakeSocket();
  let session: StubSession | undefined;
  new BrowserConnection({
    socket: socket as unknown as WebSocket,
    findAgent: (id) => (id === 'demo' ? demoAgent : undefined),
    openSession: (agent) => {
      session = new StubSession({ agent, models: noModels });
      return Promise.resolve(session);
    },
    clock,
    limits: { maxSessionMs: 10_000, maxBufferedBytes: 1_000, ...limits },
    onProblem: () => undefined,
  });
  socket.receive({ type: 'session.start', agent: 'demo', sampleRate: 16_000 });
  await Promise.resolve();
  await Promise.resolve();
  assert.ok(session);
  return { socket, session };
}

describe('BrowserConnection', () => {
  it('ends the conversation when the session length limit passes', async () => {
    const clock = new VirtualClock();
    const { socket, session } = await started(clock);
    await clock.advance(10_000);
    const last = socket.messages().at(-1);
    assert.equal(last?.type === 'error' && last.code, 'session-expired');
    assert.equal(socket.closeCode, 1000);
    await Promise.resolve();
    assert.equal(session.closed, true);
  });

  it('closes a client that does not read its audio', async () => {
    const clock = new VirtualClock();
    const { socket, session } = await started(clock);
    socket.bufferedAmount = 5_000;
    session.emit({
      type: 'agent.audio',
      turnId: 1,
      chunk: { samples: new Int16Array(480), sampleRate: 24_000 },
      offsetMs: 0,
    });
    const last = socket.messages().at(-1);
    assert.equal(last?.type === 'error' && last.code, 'slow-client');
    assert.equal(socket.sent.filter((item) => item instanceof Uint8Array).length, 0);
    assert.equal(socket.closeCode, 1000);
  });

  it('ends a session that receives nothing for the idle timeout', async () => {
    const clock = new VirtualClock();
    const { socket, session } = await started(clock, { idleTimeoutMs: 1_000 });
    await clock.advance(900);
    socket.receive({ type: 'playback.position', turnId: 1, playedMs: 0 });
    await clock.advance(900);
    assert.equal(socket.closeCode, undefined, 'a message restarted the idle timer');
    await clock.advance(100);
    const last = socket.messages().at(-1);
    assert.equal(last?.type === 'error' && last.code, 'idle');
    await Promise.resolve();
    assert.equal(session.closed, true);
  });

  it('pings the peer and drops it when a ping goes unanswered', async () => {
    const clock = new VirtualClock();
    const { socket, session } = await started(clock, { pingIntervalMs: 1_000 });
    await clock.advance(1_000);
    assert.equal(socket.pings, 1);
    socket.emit('pong');
    await clock.advance(1_000);
    assert.equal(socket.pings, 2);
    assert.equal(socket.terminated, false);
    await clock.advance(1_000);
    assert.equal(socket.terminated, true);
    await Promise.resolve();
    assert.equal(session.closed, true);
    assert.equal(clock.pendingTimers, 0);
  });

  it('closes a client that does not read its JSON messages either', async () => {
    const clock = new VirtualClock();
    const { socket } = await started(clock);
    socket.bufferedAmount = 5_000;
    socket.receive({ type: 'text.input', text: 'hello' });
    socket.receive({ type: 'nonsense' });
    const last = socket.messages().at(-1);
    assert.equal(last?.type === 'error' && last.code, 'slow-client');
    assert.equal(socket.closeCode, 1000);
  });

  it('charges typed text by character: a flood of long texts is cut to the budget', async () => {
    const clock = new VirtualClock();
    const { socket, session } = await started(clock, {
      textCharsBurst: 4_000,
      textCharsPerSecond: 100,
      maxSessionMs: 60_000,
    });
    for (let i = 0; i < 20; i++) socket.receive({ type: 'text.input', text: 'a'.repeat(2_000) });
    assert.equal(session.texts.length, 2);
    assert.equal(
      socket.messages().filter((m) => m.type === 'error' && m.code === 'rate-limited').length,
      1,
    );
    await clock.advance(20_000);
    socket.receive({ type: 'text.input', text: 'a'.repeat(2_000) });
    assert.equal(session.texts.length, 3);
  });
});
