import { createSocket, type Socket } from 'node:dgram';
import { decodeMulaw } from '../../src/audio/mulaw.ts';
import { createResampler } from '../../src/audio/resample.ts';
import { createSileroVad } from '../../src/providers/local/vad/index.ts';
import { detect, segments } from '../../src/providers/local/vad/vad-suite.ts';
import { decodeRtp } from '../../src/transport/sip/rtp.ts';

/** An agent packet as the caller's side of the line received it. */
export interface LinePacket {
  readonly atMs: number;
  readonly samples: Int16Array;
}

/**
 * The caller's earpiece: a UDP port named in the caller's SDP that keeps every PCMU packet the
 * agent sent, decoded, with its arrival time (performance.now ms).
 */
export class LineRecorder {
  readonly packets: LinePacket[] = [];
  readonly #socket: Socket;

  private constructor(socket: Socket) {
    this.#socket = socket;
    socket.on('message', (bytes) => {
      const packet = decodeRtp(bytes);
      if (packet?.payloadType === 0)
        this.packets.push({ atMs: performance.now(), samples: decodeMulaw(packet.payload) });
    });
  }

  static async open(): Promise<LineRecorder> {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
    return new LineRecorder(socket);
  }

  get port(): number {
    return this.#socket.address().port;
  }

  /** The audio of the packets that arrived in [fromMs, toMs), joined. */
  audio(fromMs = 0, toMs = Infinity): Int16Array {
    const chosen = this.packets.filter((packet) => packet.atMs >= fromMs && packet.atMs < toMs);
    const out = new Int16Array(chosen.reduce((sum, packet) => sum + packet.samples.length, 0));
    let offset = 0;
    for (const packet of chosen) {
      out.set(packet.samples, offset);
      offset += packet.samples.length;
    }
    return out;
  }

  close(): void {
    this.#socket.close();
  }
}

export function rms(samples: Int16Array): number {
  let sum = 0;
  for (const value of samples) sum += value * value;
  return samples.length === 0 ? 0 : Math.sqrt(sum / samples.length);
}

/** How much of 8 kHz phone audio Silero VAD (at 16 kHz, as the session runs it) calls speech. */
export async function speechMsIn(samples8k: Int16Array): Promise<number> {
  const resampler = createResampler(8000, 16_000);
  const wide = resampler.push(samples8k);
  // A second of quiet line after it, so the last segment ends.
  const padded = new Int16Array(wide.length + 16_000);
  padded.set(wide);
  const found = segments(await detect(createSileroVad(), padded));
  return found.reduce((sum, segment) => sum + segment.endMs - segment.startMs, 0);
}
