import { WebSocket } from 'ws';
import type { ServerMessage } from '../transport/messages.ts';

/** A `ws` client for tests that queues what the server sends. */
export class TestClient {
  readonly socket: WebSocket;
  readonly messages: ServerMessage[] = [];
  readonly binaryFrames: Buffer[] = [];
  closeCode: number | undefined;
  #waiters: (() => void)[] = [];

  private constructor(socket: WebSocket) {
    this.socket = socket;
    socket.on('message', (data, isBinary) => {
      const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as Buffer);
      if (isBinary) this.binaryFrames.push(buffer);
      else this.messages.push(JSON.parse(buffer.toString('utf8')) as ServerMessage);
      this.#wake();
    });
    socket.on('close', (code) => {
      this.closeCode = code;
      this.#wake();
    });
  }

  static async open(baseUrl: string, headers?: Record<string, string>): Promise<TestClient> {
    const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/ws`, { headers });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new TestClient(socket);
  }

  /** A client with a session of `agentId` started and ready. */
  static async started(baseUrl: string, agentId: string): Promise<TestClient> {
    const client = await TestClient.open(baseUrl);
    client.sendJson({ type: 'session.start', agent: agentId, sampleRate: 16_000 });
    await client.waitFor('session.ready');
    return client;
  }

  /** Milliseconds from typing a turn to its first agent audio frame. */
  async firstAudioMs(text: string): Promise<number> {
    const frames = this.binaryFrames.length;
    const sentAt = performance.now();
    this.sendJson({ type: 'text.input', text });
    await this.waitFor('agent.audio.start', () => this.binaryFrames.length > frames, 20_000);
    for (let i = 0; i < 2_000 && this.binaryFrames.length === frames; i++)
      await new Promise((r) => setTimeout(r, 1));
    return performance.now() - sentAt;
  }

  sendJson(value: unknown): void {
    this.socket.send(JSON.stringify(value));
  }

  /** Waits for the first message (from `fromIndex`) that matches. */
  async waitFor<T extends ServerMessage['type']>(
    type: T,
    predicate: (message: Extract<ServerMessage, { type: T }>) => boolean = () => true,
    timeoutMs = 5_000,
  ): Promise<Extract<ServerMessage, { type: T }>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(
        (message): message is Extract<ServerMessage, { type: T }> =>
          message.type === type && predicate(message as Extract<ServerMessage, { type: T }>),
      );
      if (found) return found;
      if (this.closeCode !== undefined)
        throw new Error(`socket closed (${this.closeCode}) waiting for ${type}`);
      const leftMs = deadline - Date.now();
      if (leftMs <= 0)
        throw new Error(`timed out waiting for ${type}; got ${JSON.stringify(this.messages)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, leftMs);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Waits until `count` errors have arrived and returns them. */
  async errors(count: number): Promise<Extract<ServerMessage, { type: 'error' }>[]> {
    const errors = () => this.messages.filter((m) => m.type === 'error');
    await this.waitFor('error', () => errors().length >= count);
    return errors();
  }

  async close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return;
    const closed = new Promise<void>((resolve) => this.socket.once('close', () => resolve()));
    this.socket.close();
    await closed;
  }

  #wake(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }
}
