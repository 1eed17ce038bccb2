import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, it } from 'node:test';
import type { WebSocket } from 'ws';
import { demoAgent, noModels, StubSession } from '../server/stub-session.fixture.ts';
import { VirtualClock } from '../testing/virtual-clock.ts';
import { BrowserConnection } from './browser-connection.ts';
import type { ServerMessage } from './messages.ts';

/** Just enough of a `ws` socket: records what is sent, lets the test play the client. */
class FakeSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  bufferedAmount = 0;
  readonly sent: (ServerMessage | Uint8Array)[] = [];
  closeCode: number | undefined;
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

async function started(clock: VirtualClock): Promise<{ socket: FakeSocket; session: StubSession }> {
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
    limits: { maxSessionMs: 10_000, maxBufferedBytes: 1_000 },
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
});
