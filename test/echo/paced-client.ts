/**
 * A WebSocket client on a speakerphone with no echo cancellation, whose microphone is paced by
 * the agent audio it receives rather than by the wall clock.
 *
 * While the agent's audio is coming, every 20 ms of it the client receives beyond its playback
 * buffer (`bufferMs`: none, or the 60 ms the server's pacing leads by, as a browser holds) is
 * played into the room (test/echo/room.ts: delay, sox reverb, attenuation, noise, a person when told) and the
 * 20 ms the microphone heard meanwhile is sent back at once. The echo path is then exactly the
 * room's, sample for sample, however late this process or the server runs: a loaded machine
 * delays the whole exchange but cannot open gaps in playback that no deployment keeping real
 * time would see. When no agent audio is due (between replies, while the agent is paused, after
 * an interrupt) the microphone runs on the wall clock, as a browser's does. Playback positions
 * go out every 100 ms of microphone audio, as the real client sends them (docs/protocol.md).
 *
 * What this does not show: a client whose playback runs dry mid-reply while its microphone
 * goes on. That path is checked without a session in test/echo/paced-replies.ts (`partAtMs`).
 */
import { WebSocket } from 'ws';
import type { ServerMessage } from '../../src/transport/messages.ts';
import { AGENT_RATE, MIC_RATE } from './echo-audio.ts';
import { Room, type RoomAcoustics } from './room.ts';

const FRAME_MS = 20;
const AGENT_FRAME = (AGENT_RATE * FRAME_MS) / 1000;
const REPORT_EVERY_FRAMES = 5;
/** Frames one timer tick may send catching up, so a late process still answers pings. */
const MAX_FRAMES_PER_TICK = 5;

export interface TimedMessage {
  /** ms since the session was ready, on the wall clock. */
  readonly atMs: number;
  readonly message: ServerMessage;
}

export interface PacedClientOptions {
  /**
   * Agent audio held queued while more is coming, ms. 0 (default): played on receipt. 60: the
   * lead the server sends ahead by (AudioOutput), as a browser's playback buffer holds it.
   */
  readonly bufferMs?: number;
}

export class PacedRoomClient {
  readonly messages: TimedMessage[] = [];
  /** 20 ms microphone frames sent, and how many of them the received audio paced. */
  framesSent = 0;
  audioPacedFrames = 0;
  /** ms of the reply the client had played when the last interrupt came. */
  playedMsAtInterrupt: number | undefined;
  readonly #socket: WebSocket;
  readonly #room: Room;
  readonly #bufferSamples: number;
  #turnId: number | undefined;
  #newReply = false;
  /** True while agent audio is due: the microphone follows it instead of the wall clock. */
  #followAudio = false;
  #clockFromMs = 0;
  #clockFrames = 0;
  #readyAtMs = 0;
  #timer: NodeJS.Timeout | undefined;
  #waiters: (() => void)[] = [];

  private constructor(socket: WebSocket, acoustics: RoomAcoustics, options: PacedClientOptions) {
    this.#socket = socket;
    this.#room = new Room(acoustics);
    this.#bufferSamples = Math.round(((options.bufferMs ?? 0) * AGENT_RATE) / 1000);
    socket.on('message', (data, isBinary) => {
      const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as Buffer);
      if (isBinary) this.#onAudio(buffer);
      else this.#onMessage(JSON.parse(buffer.toString('utf8')) as ServerMessage);
    });
  }

  static async open(
    baseUrl: string,
    agentId: string,
    acoustics: RoomAcoustics,
    options: PacedClientOptions = {},
  ): Promise<PacedRoomClient> {
    const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/ws`);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    const client = new PacedRoomClient(socket, acoustics, options);
    // A speakerphone with no echo cancellation of its own, as a browser would report it.
    socket.send(
      JSON.stringify({
        type: 'session.start',
        agent: agentId,
        sampleRate: MIC_RATE,
        echoCancellation: false,
      }),
    );
    await client.waitFor((m) => m.type === 'session.ready', 15_000);
    client.#readyAtMs = performance.now();
    client.#followClock();
    client.#timer = setInterval(() => client.#tick(), 5);
    return client;
  }

  sendText(text: string): void {
    this.#socket.send(JSON.stringify({ type: 'text.input', text }));
  }

  /** A person starts talking now (16 kHz samples, mixed into the microphone). */
  talk(samples: Int16Array): void {
    this.#room.talk(samples);
  }

  /** ms of the current reply played so far. */
  get playedMs(): number {
    return this.#room.playedMs;
  }

  /** ms since the session was ready, on the clock of `messages[].atMs`. */
  nowMs(): number {
    return performance.now() - this.#readyAtMs;
  }

  /** The first message from index `fromIndex` on that matches; rejects after `timeoutMs`. */
  async waitFor(
    predicate: (message: ServerMessage) => boolean,
    timeoutMs: number,
    fromIndex = 0,
  ): Promise<ServerMessage> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const found = this.messages.slice(fromIndex).find((m) => predicate(m.message));
      if (found) return found.message;
      const leftMs = deadline - performance.now();
      if (leftMs <= 0) throw new Error(`timed out; messages:\n${this.describe(fromIndex)}`);
      if (this.#socket.readyState !== WebSocket.OPEN)
        throw new Error(`the socket closed; messages:\n${this.describe(fromIndex)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(leftMs, 50));
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Waits until nothing is left to play, then `quietMs` more of microphone audio. */
  async drain(quietMs: number, timeoutMs = 30_000): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    const wait = async () => {
      if (this.#socket.readyState !== WebSocket.OPEN) throw new Error('the socket closed');
      if (performance.now() > deadline) throw new Error(`not drained in ${timeoutMs} ms`);
      await sleep(20);
    };
    while (this.#room.queuedSamples > 0 || this.#followAudio) await wait();
    const until = this.framesSent + Math.ceil(quietMs / FRAME_MS);
    while (this.framesSent < until) await wait();
  }

  describe(fromIndex = 0): string {
    return this.messages
      .slice(fromIndex)
      .filter((m) => m.message.type !== 'agent.word')
      .map((m) => `${Math.round(m.atMs)} ${JSON.stringify(m.message).slice(0, 120)}`)
      .join('\n');
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    if (this.#socket.readyState === WebSocket.CLOSED) return;
    const closed = new Promise<void>((resolve) => this.#socket.once('close', () => resolve()));
    this.#socket.close();
    await closed;
  }

  #onMessage(message: ServerMessage): void {
    this.messages.push({ atMs: this.nowMs(), message });
    const type = message.type;
    if (type === 'agent.audio.start') {
      this.#turnId = message.turnId;
      this.#newReply = true;
      this.#followAudio = true;
    } else if (type === 'agent.resumed') {
      if (message.turnId === this.#turnId) this.#followAudio = true;
    } else if (type === 'agent.paused' || type === 'agent.audio.end') {
      this.#followClock();
    } else if (type === 'interrupt') {
      this.playedMsAtInterrupt = this.#room.playedMs;
      this.#room.flush();
      this.#followClock();
      this.#turnId = undefined;
    }
    for (const wake of this.#waiters.splice(0)) wake();
  }

  #onAudio(buffer: Buffer): void {
    if (this.#turnId === undefined) return; // after an interrupt: dropped, as the protocol says
    const samples = new Int16Array(
      buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength),
    );
    this.#room.receive(samples, this.#newReply);
    this.#newReply = false;
    if (!this.#followAudio) return;
    // Only while the socket is open: a frame not sent is not played, so the loop would not end.
    while (
      this.#socket.readyState === WebSocket.OPEN &&
      this.#room.queuedSamples >= AGENT_FRAME + this.#bufferSamples
    ) {
      this.#sendFrame();
      this.audioPacedFrames++;
    }
  }

  #followClock(): void {
    this.#followAudio = false;
    this.#clockFromMs = performance.now();
    this.#clockFrames = 0;
  }

  /** Sends every microphone frame the wall clock says is due, when not following audio. */
  #tick(): void {
    if (this.#followAudio) return;
    const due = Math.floor((performance.now() - this.#clockFromMs) / FRAME_MS);
    const until = Math.min(due, this.#clockFrames + MAX_FRAMES_PER_TICK);
    while (this.#clockFrames < until && this.#socket.readyState === WebSocket.OPEN) {
      this.#sendFrame();
      this.#clockFrames++;
    }
  }

  #sendFrame(): void {
    if (this.#socket.readyState !== WebSocket.OPEN) return;
    this.#socket.send(Buffer.from(this.#room.step().buffer));
    this.framesSent++;
    if (this.framesSent % REPORT_EVERY_FRAMES === 0 && this.#turnId !== undefined) {
      // To the µs, as a browser counting the samples it played reports it (whole ms leave the
      // canceller's seat up to half a ms off: test/echo/reply-offsets.test.ts).
      const playedMs = Math.max(0, Math.round(this.#room.playedMs * 1_000) / 1_000);
      this.#socket.send(
        JSON.stringify({ type: 'playback.position', turnId: this.#turnId, playedMs }),
      );
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
