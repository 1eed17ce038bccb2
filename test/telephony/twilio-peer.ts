import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { decodeMulaw } from '../../src/audio/mulaw.ts';
import { PlaybackQueue } from './playback-queue.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures/twilio');

/** A message from Twilio's documentation, with fields overridden for this call. */
export function twilioFixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as Record<
    string,
    unknown
  >;
}

/**
 * Plays Twilio's side of a bidirectional Media Stream, strictly: it refuses (records as a
 * protocol error) any message Twilio would reject — unknown events, a wrong streamSid, media
 * that is not base64 μ-law. Like Twilio, it echoes a mark once the audio queued before it has
 * played, and on `clear` drops the queued audio and echoes every pending mark at once.
 * https://www.twilio.com/docs/voice/media-streams/websocket-messages
 */
export class TwilioPeer {
  readonly socket: WebSocket;
  readonly streamSid: string;
  readonly callSid: string;
  /** Agent audio received, decoded, per media message. */
  readonly media: Int16Array[] = [];
  readonly marksReceived: string[] = [];
  readonly protocolErrors: string[] = [];
  clears = 0;
  readonly #playback = new PlaybackQueue((name) => this.#echoMark(name));
  #sequence = 1;
  closed: Promise<{ code: number; reason: string }>;

  private constructor(socket: WebSocket, streamSid: string, callSid: string) {
    this.socket = socket;
    this.streamSid = streamSid;
    this.callSid = callSid;
    socket.on('message', (data: Buffer) => this.#onMessage(data.toString('utf8')));
    this.closed = new Promise((resolve) =>
      socket.once('close', (code, reason) => resolve({ code, reason: String(reason) })),
    );
  }

  static async connect(
    url: string,
    callSid: string,
    parameters: Record<string, string>,
  ): Promise<TwilioPeer> {
    const socket = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    const streamSid = `MZ${callSid.slice(2)}`;
    const peer = new TwilioPeer(socket, streamSid, callSid);
    peer.send(twilioFixture('connected'));
    const start = twilioFixture('start');
    const startBody = start['start'] as Record<string, unknown>;
    peer.send({
      ...start,
      streamSid,
      start: { ...startBody, streamSid, callSid, customParameters: parameters },
    });
    return peer;
  }

  send(message: Record<string, unknown>): void {
    const withSequence =
      message['event'] === 'connected'
        ? message
        : { ...message, sequenceNumber: String(this.#sequence++) };
    this.socket.send(JSON.stringify(withSequence));
  }

  /** Caller audio: μ-law bytes in one media message. */
  sendAudio(payload: Uint8Array): void {
    const fixture = twilioFixture('media');
    const media = fixture['media'] as Record<string, unknown>;
    this.send({
      ...fixture,
      streamSid: this.streamSid,
      media: { ...media, payload: Buffer.from(payload).toString('base64') },
    });
  }

  pressKey(digit: string): void {
    const fixture = twilioFixture('dtmf');
    this.send({ ...fixture, streamSid: this.streamSid, dtmf: { track: 'inbound_track', digit } });
  }

  hangUp(): void {
    const fixture = twilioFixture('stop');
    this.send({
      ...fixture,
      streamSid: this.streamSid,
      stop: { accountSid: 'ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX', callSid: this.callSid },
    });
  }

  /** Plays `ms` of queued audio; marks reached on the way are echoed. */
  play(ms: number): void {
    this.#playback.play(ms);
  }

  get queuedMs(): number {
    return this.#playback.queuedMs;
  }

  #echoMark(name: string): void {
    const fixture = twilioFixture('mark');
    this.send({ ...fixture, streamSid: this.streamSid, mark: { name } });
  }

  #onMessage(raw: string): void {
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      this.protocolErrors.push(`not JSON: ${raw.slice(0, 60)}`);
      return;
    }
    if (message['streamSid'] !== this.streamSid) {
      this.protocolErrors.push(`wrong streamSid in ${raw.slice(0, 80)}`);
      return;
    }
    switch (message['event']) {
      case 'media': {
        const payload = (message['media'] as { payload?: unknown } | undefined)?.payload;
        if (typeof payload !== 'string' || !/^[A-Za-z0-9+/]+={0,2}$/.test(payload)) {
          this.protocolErrors.push('media.payload is not base64');
          return;
        }
        const samples = decodeMulaw(Buffer.from(payload, 'base64'));
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
      case 'clear': {
        this.clears++;
        this.#playback.clear();
        return;
      }
      default:
        this.protocolErrors.push(`unknown event ${String(message['event'])}`);
    }
  }
}
