/**
 * The canceller without a session, driven the way the session drives it (pure, deterministic):
 * replies sent in 20 ms frames paced 60 ms ahead of real time (as `AudioOutput` does), a
 * speakerphone room that plays them and hears them back, playback reports every 100 ms, and
 * the far end reset when a reply has played out. A reply's text can reach the sender in parts
 * that arrive late (a TTS falling behind: the client's playback runs dry mid-reply), and the
 * client can start playing a reply some samples into a 20 ms step (sub-frame alignment).
 */
import type { EchoCanceller } from '../../src/spec/echo.ts';
import { AGENT_RATE, MIC_RATE } from './echo-audio.ts';
import { Room, type RoomAcoustics } from './room.ts';

const STEP_MS = 20;
const AGENT_FRAME = (AGENT_RATE * STEP_MS) / 1000;

export interface PacedReply {
  /** The reply's audio (24 kHz) in the parts the TTS delivers. */
  readonly parts: readonly Int16Array[];
  /** When each part after the first reaches the sender, ms after the reply's first frame. */
  readonly partAtMs?: readonly number[];
  /** The client starts playing this many 24 kHz samples into a step. */
  readonly startOffsetSamples?: number;
  /**
   * The sender stalls this long after the reply's first frame (a loaded server) until the
   * client has played every whole frame it received, with the microphone following the audio
   * (as test/echo/paced-client.ts does: no gap in playback, none in the microphone), then
   * catches up.
   */
  readonly stallAtMs?: number;
  /**
   * This reply's lead over real time, ms (default: the run's). 0: each frame goes out as it is
   * due and the client plays it on receipt, as the paced WebSocket client with no playback
   * buffer does: every playback report then says all that was sent has played.
   */
  readonly leadMs?: number;
}

export interface PacedRun {
  /** Per 20 ms microphone chunk: the echo share, the echo-only and the cleaned level (dBFS). */
  readonly shares: readonly number[];
  readonly echoDb: readonly number[];
  readonly cleanedDb: readonly number[];
  /** Index of each reply's first chunk. */
  readonly replyStarts: readonly number[];
}

export interface PacedOptions {
  readonly leadMs?: number;
  /** Silence between replies, ms. */
  readonly quietMs?: number;
  /** Silence before the first reply (the person's question, the engines' work), ms. */
  readonly leadInMs?: number;
  readonly reportEveryMs?: number;
  /**
   * Playback reports in whole ms (up to half a ms, 8 microphone samples, off). Default: to the
   * µs, as a client counting the samples it played can say (web/src/agent-page.ts does).
   */
  readonly wholeMsReports?: boolean;
  /** A person talking (16 kHz, as the microphone hears them) from `atMs` into reply `reply`. */
  readonly talker?: { readonly samples: Int16Array; readonly reply: number; readonly atMs: number };
}

export function runPacedReplies(
  canceller: EchoCanceller,
  acoustics: RoomAcoustics,
  replies: readonly PacedReply[],
  options: PacedOptions = {},
): PacedRun {
  const leadMs = options.leadMs ?? 60;
  const micRate = acoustics.micRate ?? MIC_RATE;
  const quietMs = options.quietMs ?? 600;
  const reportEveryMs = options.reportEveryMs ?? 100;
  const reported = (ms: number) =>
    options.wholeMsReports === true ? Math.round(ms) : Math.round(ms * 1_000) / 1_000;
  // The room without its noise: what the microphone hears of the agent alone.
  const room = new Room({ ...acoustics, noise: new Int16Array(1) });
  const noise = acoustics.noise;
  let noiseAt = 0;
  const shares: number[] = [];
  const echoDb: number[] = [];
  const cleanedDb: number[] = [];
  const replyStarts: number[] = [];
  let nowMs = 0;
  const talker = options.talker;
  /** Microphone sample where the talker starts (once their reply has begun). */
  let talkerAt = Number.POSITIVE_INFINITY;
  let micAt = 0;

  const step = (reporting: boolean) => {
    const echo = room.step();
    echoDb.push(levelDb(echo));
    const mic = Int16Array.from(echo, (sample, i) => {
      const person = talker?.samples[micAt + i - talkerAt] ?? 0;
      const mixed = sample + noise[(noiseAt + i) % noise.length]! + person;
      return Math.max(-32768, Math.min(32767, mixed));
    });
    micAt += echo.length;
    noiseAt = (noiseAt + echo.length) % noise.length;
    const result = canceller.processNearEnd({ samples: mic, sampleRate: micRate });
    shares.push(result.echoShare);
    cleanedDb.push(levelDb(result.cleaned.samples));
    nowMs += STEP_MS;
    if (reporting && nowMs % reportEveryMs === 0)
      canceller.notePlayback?.(reported(Math.max(0, room.playedMs)));
  };

  for (let t = 0; t < (options.leadInMs ?? 0); t += STEP_MS) step(false);
  for (const [index, reply] of replies.entries()) {
    replyStarts.push(shares.length);
    if (talker?.reply === index) talkerAt = micAt + (talker.atMs * micRate) / 1000;
    const audio = reply.parts;
    const arrivals = audio.map((_, k) => (k === 0 ? 0 : (reply.partAtMs?.[k - 1] ?? 0)));
    const offset = reply.startOffsetSamples ?? 0;
    const startMs = nowMs;
    let sentSamples = 0;
    let pending: Int16Array = new Int16Array(0);
    let delivered = 0;
    const total = audio.reduce((n, part) => n + part.length, 0);
    let first = true;
    let stalled = false;
    const replyLeadMs = reply.leadMs ?? leadMs;
    while (sentSamples < total) {
      if (!stalled && reply.stallAtMs !== undefined && nowMs - startMs >= reply.stallAtMs) {
        stalled = true;
        while (room.queuedSamples >= AGENT_FRAME) step(true);
      }
      while (delivered < audio.length && nowMs - startMs >= arrivals[delivered]!)
        pending = concat(pending, audio[delivered++]!);
      const ended = delivered === audio.length;
      // Frames due by now (paced leadMs ahead of the first frame's clock), whole unless last.
      while (
        (pending.length >= AGENT_FRAME || (ended && pending.length > 0)) &&
        startMs + (sentSamples * 1000) / AGENT_RATE - replyLeadMs <= nowMs
      ) {
        const frame = pending.subarray(0, Math.min(AGENT_FRAME, pending.length));
        pending = pending.subarray(frame.length);
        const heard = first && offset > 0 ? concat(new Int16Array(offset), frame) : frame;
        room.receive(heard, first);
        if (first && offset > 0) room.playedMs = -(offset * 1000) / AGENT_RATE;
        first = false;
        canceller.pushFarEnd({ samples: frame.slice(), sampleRate: AGENT_RATE });
        sentSamples += frame.length;
      }
      step(true);
    }
    while (room.queuedSamples > 0) step(true);
    canceller.resetFarEnd();
    for (let t = 0; t < quietMs; t += STEP_MS) step(false);
  }
  return { shares, echoDb, cleanedDb, replyStarts };
}

function levelDb(samples: Int16Array): number {
  let sum = 0;
  for (const sample of samples) sum += sample * sample;
  return 10 * Math.log10(sum / Math.max(1, samples.length) / 2 ** 30 + 1e-10);
}

function concat(a: Int16Array, b: Int16Array): Int16Array {
  const out = new Int16Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
