/**
 * A WebSocket client that behaves like a browser on a speakerphone with no echo cancellation:
 * it plays the agent's audio in real time, and its microphone hears that audio back through a
 * room (delay, sox reverb impulse response, attenuation) with pink noise — plus, when told, a
 * person talking. It sends 20 ms microphone frames paced to the wall clock, and playback
 * positions every 100 ms, as the real client does (docs/protocol.md).
 */
import { WebSocket } from 'ws';
import { createResampler } from '../../src/audio/resample.ts';
import type { ServerMessage } from '../../src/transport/messages.ts';
import { AGENT_RATE, MIC_RATE } from './echo-audio.ts';

const FRAME_MS = 20;
const MAX_BACKLOG_FRAMES = 100;
const MIC_FRAME = (MIC_RATE * FRAME_MS) / 1000;
const AGENT_FRAME = (AGENT_RATE * FRAME_MS) / 1000;

export interface Room {
  /** The room's impulse response at 16 kHz, attenuation and reverb included. */
  readonly impulseResponse: Float64Array;
  readonly delayMs: number;
  /** Pink noise at 16 kHz, looped. */
  readonly noise: Int16Array;
}

export class RoomClient {
  readonly messages: { readonly atMs: number; readonly message: ServerMessage }[] = [];
  /** Microphone frames never sent because this process stalled (a loaded machine). */
  skippedFrames = 0;
  /** Times the playback queue ran dry in the middle of a reply (the server sent late). */
  underruns = 0;
  #audioEnded = true;
  #dry = false;
  readonly #socket: WebSocket;
  readonly #room: Room;
  readonly #resampler = createResampler(AGENT_RATE, MIC_RATE);
  /** Everything played so far at 16 kHz (a session of a few minutes at most). */
  #played = new Float64Array(MIC_RATE * 60);
  #playedEnd = 0;
  #queue: Int16Array[] = [];
  #queued = 0;
  #turnId: number | undefined;
  #playedMs = 0;
  #user: Int16Array | undefined;
  #userOffset = 0;
  #framesSent = 0;
  #startedAtMs = 0;
  #timer: NodeJS.Timeout | undefined;
  #noiseOffset = 0;
  #waiters: (() => void)[] = [];

  private constructor(socket: WebSocket, room: Room) {
    this.#socket = socket;
    this.#room = room;
    socket.on('message', (data, isBinary) => {
      const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as Buffer);
      if (isBinary) this.#onAudio(buffer);
      else this.#onMessage(JSON.parse(buffer.toString('utf8')) as ServerMessage);
    });
  }

  static async open(baseUrl: string, agentId: string, room: Room): Promise<RoomClient> {
    const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/ws`);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    const client = new RoomClient(socket, room);
    // A speakerphone with no echo cancellation of its own, as a browser would report it.
    const start = {
      type: 'session.start',
      agent: agentId,
      sampleRate: MIC_RATE,
      echoCancellation: false,
    };
    socket.send(JSON.stringify(start));
    await client.waitFor((m) => m.type === 'session.ready', 10_000);
    client.#startedAtMs = performance.now();
    client.#timer = setInterval(() => client.#tick(), 5);
    return client;
  }

  sendText(text: string): void {
    this.#socket.send(JSON.stringify({ type: 'text.input', text }));
  }

  /** A person starts talking now (16 kHz samples, mixed into the microphone). */
  talk(samples: Int16Array): void {
    this.#user = samples;
    this.#userOffset = 0;
  }

  /** ms since the session started, on the same clock as `messages[].atMs`. */
  nowMs(): number {
    return performance.now() - this.#startedAtMs;
  }

  /** Waits for the first message from index `fromIndex` on that matches. */
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
      if (leftMs <= 0) throw new Error(`timed out; messages: ${this.describe()}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(leftMs, 50));
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Waits until the playback queue is empty and `quietMs` more have passed. */
  async drain(quietMs: number): Promise<void> {
    while (this.#queued > 0) await sleep(20);
    await sleep(quietMs);
  }

  describe(): string {
    return this.messages
      .filter((m) => m.message.type !== 'agent.word')
      .map((m) => `${Math.round(m.atMs)} ${JSON.stringify(m.message).slice(0, 120)}`)
      .join('\n');
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    if (this.#socket.readyState === WebSocket.CLOSED) return;
    const closed = new Promise<void>((resolve) => this.#socket.once('close', () => resolve()));
    this.#socket.close();
    await closed;
  }

  #onMessage(message: ServerMessage): void {
    this.messages.push({ atMs: this.nowMs(), message });
    if (message.type === 'agent.audio.start') {
      this.#turnId = message.turnId;
      this.#playedMs = 0;
      this.#audioEnded = false;
    } else if (message.type === 'agent.audio.end') {
      this.#audioEnded = true;
    } else if (message.type === 'interrupt') {
      this.#queue = [];
      this.#queued = 0;
      this.#turnId = undefined;
    }
    for (const wake of this.#waiters.splice(0)) wake();
  }

  #onAudio(buffer: Buffer): void {
    if (this.#turnId === undefined) return;
    const samples = new Int16Array(
      buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength),
    );
    this.#queue.push(samples);
    this.#queued += samples.length;
  }

  /** Sends every microphone frame due by the wall clock. */
  #tick(): void {
    const dueFrames = Math.floor(this.nowMs() / FRAME_MS);
    // A browser buffers its microphone through a stall and sends the backlog; only a stall
    // longer than MAX_BACKLOG_FRAMES loses audio (counted).
    if (dueFrames - this.#framesSent > MAX_BACKLOG_FRAMES) {
      this.skippedFrames += dueFrames - MAX_BACKLOG_FRAMES - this.#framesSent;
      this.#framesSent = dueFrames - MAX_BACKLOG_FRAMES;
    }
    while (this.#framesSent < dueFrames && this.#socket.readyState === WebSocket.OPEN) {
      this.#socket.send(Buffer.from(this.#micFrame().buffer));
      this.#framesSent++;
      if (this.#framesSent % 5 === 0 && this.#turnId !== undefined)
        this.#socket.send(
          JSON.stringify({
            type: 'playback.position',
            turnId: this.#turnId,
            playedMs: this.#playedMs,
          }),
        );
    }
  }

  #micFrame(): Int16Array {
    this.#append(this.#resampler.push(this.#play()));
    const { impulseResponse, noise } = this.#room;
    const delay = Math.round((this.#room.delayMs * MIC_RATE) / 1000);
    const buffer = this.#played;
    const out = new Int16Array(MIC_FRAME);
    for (let i = 0; i < MIC_FRAME; i++) {
      // Sample i of this frame: the room's response to what was played `delay` earlier.
      const at = this.#playedEnd - MIC_FRAME + i - delay;
      const taps = Math.min(impulseResponse.length, at + 1);
      let acc = 0;
      for (let k = 0; k < taps; k++) acc += impulseResponse[k]! * buffer[at - k]!;
      acc += noise[(this.#noiseOffset + i) % noise.length]!;
      if (this.#user !== undefined) acc += this.#user[this.#userOffset + i] ?? 0;
      out[i] = Math.max(-32768, Math.min(32767, Math.round(acc)));
    }
    this.#noiseOffset = (this.#noiseOffset + MIC_FRAME) % noise.length;
    if (this.#user !== undefined) {
      this.#userOffset += MIC_FRAME;
      if (this.#userOffset >= this.#user.length) this.#user = undefined;
    }
    return out;
  }

  /** 20 ms of the agent's audio from the playback queue (silence when it runs dry). */
  #play(): Int16Array {
    const out = new Int16Array(AGENT_FRAME);
    let filled = 0;
    while (filled < AGENT_FRAME && this.#queue.length > 0) {
      const head = this.#queue[0]!;
      const take = Math.min(head.length, AGENT_FRAME - filled);
      out.set(head.subarray(0, take), filled);
      filled += take;
      if (take === head.length) this.#queue.shift();
      else this.#queue[0] = head.subarray(take);
    }
    this.#queued -= filled;
    const dry = filled < AGENT_FRAME && !this.#audioEnded && this.#playedMs > 0;
    if (dry && !this.#dry) this.underruns++;
    this.#dry = dry;
    if (this.#turnId !== undefined) this.#playedMs += (filled / AGENT_RATE) * 1000;
    return out;
  }

  #append(samples: Int16Array): void {
    if (this.#playedEnd + samples.length > this.#played.length) {
      const grown = new Float64Array(this.#played.length * 2);
      grown.set(this.#played);
      this.#played = grown;
    }
    this.#played.set(samples, this.#playedEnd);
    this.#playedEnd += samples.length;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
