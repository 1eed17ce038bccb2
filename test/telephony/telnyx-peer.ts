import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { decodeAlaw } from '../../src/audio/alaw.ts';
import { decodeMulaw } from '../../src/audio/mulaw.ts';
import { PlaybackQueue } from './playback-queue.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures/telnyx');

function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as Record<
    string,
    unknown
  >;
}

/** RTP chunks sent back must hold 20 ms to 30 s of audio (the AsyncAPI page's rule). */
const MIN_CHUNK_BYTES = 160;
const MAX_CHUNK_BYTES = 30 * 8000;

/**
 * Plays Telnyx's side of a bidirectional (RTP mode) media stream, strictly: messages Telnyx
 * would refuse — unknown events, non-base64 payloads, chunks under 20 ms or over 30 s — are
 * recorded as protocol errors. https://developers.telnyx.com/api-reference/websockets/stream-call-media-over-websocket
 */
export class TelnyxPeer {
  readonly socket: WebSocket;
  readonly codec: 'PCMU' | 'PCMA';
  readonly media: Int16Array[] = [];
  readonly marksReceived: string[] = [];
  readonly protocolErrors: string[] = [];
  clears = 0;
  readonly #playback = new PlaybackQueue((name) =>
    this.send({ ...fixture('mark'), mark: { name } }),
  );
  #sequence = 1;
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(socket: WebSocket, codec: 'PCMU' | 'PCMA') {
    this.socket = socket;
    this.codec = codec;
    socket.on('message', (data: Buffer) => this.#onMessage(data.toString('utf8')));
    this.closed = new Promise((resolve) =>
      socket.once('close', (code, reason) => resolve({ code, reason: String(reason) })),
    );
  }

  static async connect(url: string, codec: 'PCMU' | 'PCMA' = 'PCMU'): Promise<TelnyxPeer> {
    const socket = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    const peer = new TelnyxPeer(socket, codec);
    peer.send(fixture('connected'));
    const start = fixture('start');
    const body = start['start'] as Record<string, unknown>;
    peer.send({
      ...start,
      start: { ...body, media_format: { encoding: codec, sample_rate: 8000, channels: 1 } },
    });
    return peer;
  }

  send(message: Record<string, unknown>): void {
    const numbered =
      message['event'] === 'connected'
        ? message
        : { ...message, sequence_number: String(this.#sequence++) };
    this.socket.send(JSON.stringify(numbered));
  }

  sendAudio(payload: Uint8Array, track = 'inbound'): void {
    const message = fixture('media');
    const media = message['media'] as Record<string, unknown>;
    this.send({
      ...message,
      media: { ...media, track, payload: Buffer.from(payload).toString('base64') },
    });
  }

  pressKey(digit: string): void {
    this.send({ ...fixture('dtmf'), dtmf: { digit } });
  }

  hangUp(): void {
    this.send(fixture('stop'));
  }

  play(ms: number): void {
    this.#playback.play(ms);
  }

  get queuedMs(): number {
    return this.#playback.queuedMs;
  }

  #onMessage(raw: string): void {
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(raw) as Record<string, unknown>;
    } catch (error) {
      this.protocolErrors.push(`not JSON (${String(error)}): ${raw.slice(0, 60)}`);
      return;
    }
    switch (message['event']) {
      case 'media': {
        const payload = (message['media'] as { payload?: unknown } | undefined)?.payload;
        if (typeof payload !== 'string' || !/^[A-Za-z0-9+/]+={0,2}$/.test(payload)) {
          this.protocolErrors.push('media.payload is not base64');
          return;
        }
        const bytes = Buffer.from(payload, 'base64');
        if (bytes.length < MIN_CHUNK_BYTES || bytes.length > MAX_CHUNK_BYTES) {
          this.protocolErrors.push(`media chunk of ${bytes.length} bytes is outside 20 ms–30 s`);
          return;
        }
        const samples = this.codec === 'PCMU' ? decodeMulaw(bytes) : decodeAlaw(bytes);
        this.media.push(samples);
        this.#playback.audio(samples.length);
        return;
      }
      case 'mark': {
        const name = (message['mark'] as { name?: unknown } | undefined)?.name;
        if (typeof name !== 'string' || name === '') {
          this.protocolErrors.push('mark without a name');
          return;
        }
        this.marksReceived.push(name);
        this.#playback.mark(name);
        return;
      }
      case 'clear':
        this.clears++;
        this.#playback.clear();
        return;
      default:
        this.protocolErrors.push(`unknown event ${String(message['event'])}`);
    }
  }
}
