import { WebSocket } from 'ws';

/** A server message as it arrives (docs/protocol.md), loosely typed so the suite outlives refactors. */
export interface WireMessage {
  readonly type: string;
  readonly [field: string]: unknown;
}
export interface Received {
  readonly atMs: number;
  readonly message: WireMessage;
}
export interface ReceivedFrame {
  readonly atMs: number;
  /** The turn of the latest `agent.audio.start`. */
  readonly turnId: number | undefined;
  readonly durationMs: number;
}

const POSITION_EVERY_MS = 100;

/**
 * A browser client over the documented protocol: it records every server message with its
 * arrival time (performance.now()), and plays agent audio like the web client's player —
 * frames queue behind each other in real time, a `playback.position` goes out every
 * 100 ms while a turn plays, at its end and right after an `interrupt` flushes the queue.
 */
export class ScenarioClient {
  readonly messages: Received[] = [];
  readonly frames: ReceivedFrame[] = [];
  /** Ms of each turn's audio played when playback of it stopped (flushed or drained). */
  readonly playedMs = new Map<number, number>();
  readonly #socket: WebSocket;
  #outputRate = 24_000;
  #turnId: number | undefined;
  #flushed = new Set<number>();
  #queue: { turnId: number; startMs: number; durationMs: number }[] = [];
  #bufferedUntilMs = 0;
  #positionTimer: NodeJS.Timeout;
  #waiters = new Set<() => void>();
  #closed = false;

  private constructor(socket: WebSocket) {
    this.#socket = socket;
    socket.on('message', (data, isBinary) => this.#receive(data, isBinary));
    socket.on('close', () => {
      this.#closed = true;
      this.#wake();
    });
    this.#positionTimer = setInterval(() => this.#reportPositions(), POSITION_EVERY_MS);
  }

  static async open(wsUrl: string, agent: string, signal: AbortSignal): Promise<ScenarioClient> {
    const socket = new WebSocket(wsUrl);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    const client = new ScenarioClient(socket);
    client.sendJson({ type: 'session.start', agent, sampleRate: 16_000 });
    const ready = await client.waitFor(
      (m) => m.type === 'session.ready' || m.type === 'error',
      15_000,
      signal,
    );
    if (ready.message.type === 'error') {
      await client.close();
      throw new Error(`session.start refused: ${JSON.stringify(ready.message)}`);
    }
    return client;
  }

  sendJson(value: { readonly type: string; readonly [field: string]: unknown }): void {
    if (this.#socket.readyState === WebSocket.OPEN) this.#socket.send(JSON.stringify(value));
  }

  sendAudio(samples: Int16Array): void {
    if (this.#socket.readyState !== WebSocket.OPEN) return;
    this.#socket.send(Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength), {
      binary: true,
    });
  }

  /** The first message (in arrival order) that matches, waiting up to `timeoutMs` for it. */
  async waitFor(
    match: (message: WireMessage, atMs: number) => boolean,
    timeoutMs: number,
    signal: AbortSignal,
  ): Promise<Received> {
    let found: Received | undefined;
    await this.waitUntil(
      () => (found = this.messages.find((r) => match(r.message, r.atMs))) !== undefined,
      timeoutMs,
      signal,
    );
    return found!;
  }

  /** Resolves when `condition()` holds (checked on each message and each 50 ms); rejects on timeout or close. */
  async waitUntil(condition: () => boolean, timeoutMs: number, signal: AbortSignal): Promise<void> {
    const deadlineMs = performance.now() + timeoutMs;
    while (!condition()) {
      signal.throwIfAborted();
      if (this.#closed) throw new Error('the server closed the socket');
      const leftMs = deadlineMs - performance.now();
      if (leftMs <= 0) throw new Error(`timed out after ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.#waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, Math.min(50, leftMs));
        this.#waiters.add(wake);
      });
    }
  }

  async close(): Promise<void> {
    clearInterval(this.#positionTimer);
    if (this.#socket.readyState === WebSocket.CLOSED) return;
    const closed = new Promise<void>((resolve) => this.#socket.once('close', () => resolve()));
    this.#socket.close();
    await closed;
  }

  #receive(data: WebSocket.RawData, isBinary: boolean): void {
    const atMs = performance.now();
    const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as Buffer);
    if (isBinary) {
      const durationMs = (buffer.byteLength / 2 / this.#outputRate) * 1000;
      this.frames.push({ atMs, turnId: this.#turnId, durationMs });
      if (this.#turnId !== undefined && !this.#flushed.has(this.#turnId)) {
        const startMs = Math.max(atMs, this.#bufferedUntilMs);
        this.#bufferedUntilMs = startMs + durationMs;
        this.#queue.push({ turnId: this.#turnId, startMs, durationMs });
      }
    } else {
      const message = JSON.parse(buffer.toString('utf8')) as WireMessage;
      this.messages.push({ atMs, message });
      this.#onMessage(message, atMs);
    }
    this.#wake();
  }

  #onMessage(message: WireMessage, atMs: number): void {
    const turnId = typeof message['turnId'] === 'number' ? message['turnId'] : undefined;
    if (message.type === 'session.ready' && typeof message['outputSampleRate'] === 'number')
      this.#outputRate = message['outputSampleRate'];
    if (message.type === 'agent.audio.start') this.#turnId = turnId;
    if (message.type === 'interrupt' && turnId !== undefined) {
      const playedMs = this.#played(turnId, atMs);
      this.#flushed.add(turnId);
      this.#queue = this.#queue.filter((f) => f.turnId !== turnId);
      this.#bufferedUntilMs = Math.min(this.#bufferedUntilMs, atMs);
      this.playedMs.set(turnId, playedMs);
      this.sendJson({ type: 'playback.position', turnId, playedMs: Math.round(playedMs) });
    }
  }

  #played(turnId: number, nowMs: number): number {
    return this.#queue
      .filter((f) => f.turnId === turnId)
      .reduce(
        (ms, f) => ms + Math.min(f.durationMs, Math.max(0, nowMs - f.startMs)),
        this.playedMs.get(turnId) ?? 0,
      );
  }

  /** While audio plays: report each playing turn's position; once a turn's queue drains, its final one. */
  #reportPositions(): void {
    const nowMs = performance.now();
    const turns = new Set(this.#queue.map((f) => f.turnId));
    for (const turnId of turns) {
      const playedMs = this.#played(turnId, nowMs);
      this.sendJson({ type: 'playback.position', turnId, playedMs: Math.round(playedMs) });
      const pending = this.#queue.some(
        (f) => f.turnId === turnId && f.startMs + f.durationMs > nowMs,
      );
      if (!pending) {
        this.playedMs.set(turnId, playedMs);
        this.#queue = this.#queue.filter((f) => f.turnId !== turnId);
      }
    }
  }

  #wake(): void {
    for (const wake of [...this.#waiters]) wake();
  }
}
