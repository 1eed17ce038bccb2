import { WebSocket } from 'ws';

export interface TimedMessage {
  readonly atMs: number;
  readonly message: { readonly type: string; readonly [key: string]: unknown };
}

/** A `ws` client that stamps every message with performance.now() as it arrives. */
export class TimedClient {
  readonly messages: TimedMessage[] = [];
  readonly binaryAtMs: number[] = [];
  readonly #socket: WebSocket;

  private constructor(socket: WebSocket) {
    this.#socket = socket;
    socket.on('message', (data, isBinary) => {
      const atMs = performance.now();
      if (isBinary) {
        this.binaryAtMs.push(atMs);
        return;
      }
      const text = (
        Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer)
      ).toString('utf8');
      this.messages.push({ atMs, message: JSON.parse(text) as TimedMessage['message'] });
    });
  }

  static async open(wsUrl: string): Promise<TimedClient> {
    const socket = new WebSocket(wsUrl);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new TimedClient(socket);
  }

  first(type: string): TimedMessage | undefined {
    return this.messages.find((m) => m.message.type === type);
  }

  sendJson(value: unknown): void {
    this.#socket.send(JSON.stringify(value));
  }

  sendAudio(samples: Int16Array): void {
    this.#socket.send(Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength), {
      binary: true,
    });
  }

  async close(): Promise<void> {
    if (this.#socket.readyState === WebSocket.CLOSED) return;
    const closed = new Promise<void>((resolve) => this.#socket.once('close', () => resolve()));
    this.#socket.close();
    await closed;
  }
}
