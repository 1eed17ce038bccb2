/**
 * A trace of the canceller inside the echo server (PARLEY_ECHO_TRACE=1): each microphone
 * chunk's level before and after cancellation, its echo share and where the filter's
 * reference is seated; when the session hears speech or pauses while the agent plays, the
 * chunks around it go to stderr, with how far into the reply (ms of microphone audio since
 * its first far-end frame) and the last playback report. For finding why echo read as a person.
 */
import type { SpeexEchoCanceller } from '../../src/audio/echo/index.ts';
import type { AudioChunk } from '../../src/spec/audio.ts';
import type { EchoCanceller } from '../../src/spec/echo.ts';
import type { SessionEvent } from '../../src/spec/events.ts';

interface ChunkTrace {
  readonly atMs: number;
  readonly nearDb: number;
  readonly cleanedDb: number;
  readonly share: number;
  readonly seatMs: number | undefined;
}

const KEEP_CHUNKS = 400;

export interface TracedCanceller {
  readonly canceller: EchoCanceller;
  onEvent(event: SessionEvent): void;
}

export function traceCanceller(
  inner: SpeexEchoCanceller,
  log: (line: string) => void,
): TracedCanceller {
  let micMs = 0;
  let replyAtMs: number | undefined;
  let inReply = false;
  let lastPlayedMs: number | undefined;
  let replies = 0;
  let chunks: ChunkTrace[] = [];
  /** The reported playback offsets of this reply (median of the last few), as they changed. */
  let offsets: (string | undefined)[] = [];
  let resumesAtStart = 0;
  let inPush = false;
  let restartsAtStart = 0;
  /** ms of this reply's far end pushed (as sent, at its own rate). */
  let sentMs = 0;

  const canceller: EchoCanceller = {
    pushFarEnd(chunk) {
      if (!inReply) {
        inReply = true;
        replyAtMs = micMs;
        replies++;
        offsets = [];
        resumesAtStart = inner.resumes;
        restartsAtStart = inner.restarts;
        sentMs = 0;
      }
      sentMs += (chunk.samples.length * 1000) / chunk.sampleRate;
      inner.pushFarEnd(chunk);
    },
    notePlayback(playedMs) {
      lastPlayedMs = playedMs;
      // A report of more played than microphone audio came since the reply was laid: its
      // offset is negative, and the canceller cannot seat the reply on it.
      const sinceMs = replyAtMs === undefined ? undefined : micMs - replyAtMs;
      if (inReply && sinceMs !== undefined && playedMs > sinceMs && playedMs < sentMs)
        log(
          `echo-trace: reply ${replies}: ${playedMs.toFixed(1)} ms reported played ${sinceMs.toFixed(1)} ms of microphone after its first far-end frame (${sentMs.toFixed(1)} ms sent, seat ${inner.seatMs?.toFixed(3)} ms)`,
        );
      inner.notePlayback?.(playedMs);
      const offsetMs = inner.playbackDelayMs?.toFixed(1);
      if (inReply && offsetMs !== offsets[offsets.length - 1]) offsets.push(offsetMs);
    },
    processNearEnd(chunk: AudioChunk) {
      const result = inner.processNearEnd(chunk);
      // An onset the session reports in the same task is the echo stage's take-over (a person
      // inside a stretch the VAD opened on echo); the VAD's own come later, from its loop.
      inPush = true;
      queueMicrotask(() => (inPush = false));
      chunks.push({
        atMs: micMs,
        nearDb: levelDb(chunk.samples),
        cleanedDb: levelDb(result.cleaned.samples),
        share: result.echoShare,
        seatMs: inner.seatMs,
      });
      if (chunks.length > 2 * KEEP_CHUNKS) chunks = chunks.slice(-KEEP_CHUNKS);
      micMs += (chunk.samples.length * 1000) / chunk.sampleRate;
      return result;
    },
    resetFarEnd() {
      if (inReply) summary();
      inReply = false;
      inner.resetFarEnd();
    },
    close() {
      inner.close();
    },
  };

  /** One line per reply: its seat, the reported offsets, resumes, restarts and median ERLE. */
  function summary(): void {
    const from = replyAtMs ?? 0;
    const erles = chunks
      .filter((c) => c.atMs >= from && c.nearDb > -45)
      .map((c) => c.nearDb - c.cleanedDb)
      .sort((a, b) => a - b);
    const median = erles[Math.floor(erles.length / 2)];
    log(
      `echo-trace: reply ${replies} ended, seat ${inner.seatMs?.toFixed(3)} ms, offsets ${offsets.join(' ')},` +
        ` resumes ${inner.resumes - resumesAtStart}, restarts ${inner.restarts - restartsAtStart},` +
        ` feed ${inner.feedDelayMs} ms, tracked ${inner.trackedDelayMs} ms, median ERLE ${median?.toFixed(1)} dB`,
    );
  }

  function around(label: string, atMs: number): void {
    const into = replyAtMs === undefined ? 'none' : `${Math.round(atMs - replyAtMs)}`;
    const head =
      `echo-trace: ${label} at ${Math.round(atMs)} ms, reply ${replies} ${into} ms in` +
      ` (playing ${inReply}), played ${lastPlayedMs} ms, seat ${inner.seatMs?.toFixed(3)} ms,` +
      ` feed ${inner.feedDelayMs} ms, tracked ${inner.trackedDelayMs} ms`;
    const rows = chunks
      .filter((c) => c.atMs >= atMs - 300 && c.atMs < atMs + 300)
      .map(
        (c) =>
          `${Math.round(c.atMs - (replyAtMs ?? 0))}:${c.share.toFixed(2)}/` +
          `${(c.nearDb - c.cleanedDb).toFixed(0)}dB/${c.nearDb.toFixed(0)}`,
      );
    log(`${head}\n  into:share/erle/nearDb ${rows.join(' ')}`);
  }

  return {
    canceller,
    onEvent(event) {
      if (event.type === 'user.speech-start')
        around(inPush ? 'speech-start (take-over)' : 'speech-start (VAD)', event.atMs);
      else if (event.type === 'agent.paused') around('paused', micMs);
    },
  };
}

function levelDb(samples: Int16Array): number {
  let sum = 0;
  for (const sample of samples) sum += sample * sample;
  return 10 * Math.log10(sum / Math.max(1, samples.length) / 2 ** 30 + 1e-10);
}
