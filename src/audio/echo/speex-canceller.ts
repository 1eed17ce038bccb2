import type { AudioChunk } from '../../spec/audio.ts';
import type { EchoCanceller, EchoFrameResult } from '../../spec/echo.ts';
import { AudioFormatError, ClosedError } from '../../spec/errors.ts';
import { chooseFeedDelayMs } from './alignment.ts';
import { blockLevelDb } from './delay-estimate.ts';
import { createDelayTracker, DEFAULT_DELAY_TRACKER } from './delay-tracker.ts';
import {
  chunkShare,
  DEFAULT_ECHO_SHARE,
  initialEchoShareState,
  stepEchoShare,
} from './echo-share.ts';
import { createFarEndInput } from './far-end-input.ts';
import { createFarEndTimeline } from './far-end-timeline.ts';
import { createFractionalReader } from './fractional-read.ts';
import { createFrameFifo } from './frame-fifo.ts';
import { OWN_VOICE_THRESHOLD } from './own-voice.ts';
import { createPlaybackOffset, echoDelayMs } from './playback-offset.ts';
import { seatFits } from './seat-fit.ts';
import { createSpeexStage } from './speex-stage.ts';
import { moveTrackerSeat } from './tracker-seat.ts';

export interface SpeexEchoOptions {
  /** The microphone rate (8 000 or 16 000). */
  readonly sampleRate: number;
  /** Echo tail the adaptive filter models beyond the tracked delay. Default 250. */
  readonly filterMs?: number;
  /** The feed delay sits this far below the tracked delay. Default 40. */
  readonly marginMs?: number;
  /** Longest echo path delay tracked. Default 600. */
  readonly maxDelayMs?: number;
  /** Residual echo suppression (dB, negative; 0 = off). Default -40. */
  readonly residualSuppressDb?: number;
}

/** The speex canceller, plus what it has learnt (for tests, the bench and logs). */
export interface SpeexEchoCanceller extends EchoCanceller {
  /**
   * The echo path delay tracked from the signals, in ms (undefined before the first estimate):
   * after the playback delay when the client reports its playback, else all of it.
   */
  readonly trackedDelayMs: number | undefined;
  /** The playback delay from the client's reports, in ms (undefined without reports). */
  readonly playbackDelayMs: number | undefined;
  /** How far back the far end is fed to the filter now, in ms. */
  readonly feedDelayMs: number;
  /** The playback offset the filter's reference is laid at, in ms (undefined before a report). */
  readonly seatMs: number | undefined;
  /** Times the far end ran dry within a reply and resumed, and the filter restarted. */
  readonly resumes: number;
  readonly restarts: number;
  /** Latency this stage adds to the near end, in ms (0 when chunks are whole 10 ms frames). */
  readonly addedLatencyMs: number;
}

const FRAME_MS = 10;
const BLOCKS_PER_FRAME = 2;
/** The echo must come at least this long after the fed reference. */
const MIN_LEAD_MS = 10;
/** Part of the filter kept for the room's reverberation after the direct echo. */
const TAIL_RESERVE_MS = 100;
/**
 * A feed delay move waits this long after the last frame the share read as a person, in 10 ms
 * frames: a person's voice moved the estimate 150 -> 160 ms for an echo at the edge of the
 * filter's reach, and the restart hid them from the share (test/echo/double-talk.test.ts).
 */
const PERSON_HOLD_FRAMES = 30;
/** The largest move of the delay estimate a person's voice is taken to cause, ms. */
const PERSON_DRIFT_MS = 40;
/**
 * A move waits no longer than this, in 10 ms frames: echo read as a person (the path really
 * moved, and the filter no longer fits) must not hold the old alignment for good.
 */
const PERSON_WAIT_MAX_FRAMES = 200;
/** How long a restarted filter takes to learn the path again, in 10 ms frames. */
const SETTLE_FRAMES = 100;
/**
 * Past its filter's length on a new seat, the filter's history of the reference holds none of
 * the old seat; its output is trusted this long after that, in 10 ms frames. A client that
 * reports whole ms leaves a new seat up to 0.5 ms off where the reply plays and the filter
 * re-converges to it: trusted 50 ms after, echo read as a person 500-800 ms into 13 of 21
 * replies that played a fraction of a ms off the last (test/echo/reply-offsets.test.ts), 1 of
 * 21 at 800 ms. Reports to the µs need none of it (the reference is read between samples).
 */
const SEAT_SETTLE_EXTRA_FRAMES = 80;
/** A new reply may play this much later than the last one did (before it reports), ms. */
const SEAT_SLACK_MS = 60;
/** The far-end peak hold while the alignment is unsure. */
const UNSURE_HOLD_MS = 1_000;
/** How long the room keeps an echo going after the direct sound (reverberation), ms. */
const ECHO_SPREAD_MS = 100;

export function createSpeexEchoCanceller(options: SpeexEchoOptions): SpeexEchoCanceller {
  const { sampleRate } = options;
  if (sampleRate !== 8_000 && sampleRate !== 16_000)
    throw new AudioFormatError(`echo canceller runs at 8000 or 16000 Hz, got ${sampleRate}`);
  const frameSize = (sampleRate * FRAME_MS) / 1000;
  const samplesPerMs = sampleRate / 1000;
  const filterMs = options.filterMs ?? 250;
  const marginMs = options.marginMs ?? 40;
  const maxDelayMs = options.maxDelayMs ?? 600;
  const stage = createSpeexStage({
    sampleRate,
    frameSize,
    filterMs,
    residualSuppressDb: options.residualSuppressDb ?? -40,
    residualSuppressActiveDb: -15,
  });
  const tracker = createDelayTracker({
    ...DEFAULT_DELAY_TRACKER,
    blockMs: FRAME_MS / BLOCKS_PER_FRAME,
    maxDelayMs,
  });
  const historyMs = maxDelayMs + DEFAULT_DELAY_TRACKER.windowMs + filterMs + 1_000;
  // A reply is what comes between two resetFarEnd calls (the session makes one at each reply's
  // end and at an interrupt), however long its far end runs dry: the client counts its playback
  // reports over the whole reply (a filler, a wait, the answer). Taken for a new reply after a
  // 300 ms gap, every report after it fitted nothing, the seat never settled and a person talking
  // over the rest of that reply read as echo (test/echo/barge-in-gaps.test.ts).
  const timeline = createFarEndTimeline(historyMs * samplesPerMs);
  const fifo = createFrameFifo(frameSize);
  const farEnd = createFarEndInput(timeline, sampleRate);
  const fractional = createFractionalReader();
  const farFrame = new Int16Array(frameSize);
  const farNow = new Int16Array(frameSize);
  const farEcho = new Int16Array(frameSize);
  const linear = new Int16Array(frameSize);
  let shareState = initialEchoShareState();
  let nearPosition = 0;
  let feedDelayMs = 0;
  let framesSinceRestart = 0;
  let resumes = 0;
  let restarts = 0;
  /** Frames processed, and the last one a person's voice holds the feed delay until. */
  let frames = 0;
  let personUntilFrame = -1;
  /** The latest delay estimate the current feed delay fitted. */
  let fittingEstimateMs: number | undefined;
  /** The frame since which a move has waited for a person to stop. */
  let waitingSinceFrame: number | undefined;
  const playback = createPlaybackOffset();
  /**
   * The playback offset the filter's reference (and the tracker's far end) is laid at, in ms:
   * the first report of each reply, kept for the whole reply and into the next one until that
   * reply's first report. The client starts each reply at another offset against the far end
   * as it was sent (0 to 40 ms apart under load); seated on it, the echo keeps its lag behind
   * the reference and the filter learnt on the last reply still fits. Left unseated, the echo
   * came up to 40 ms off the taps and the first half second of a reply was left almost whole
   * (echo share 0.04–0.13 at 60–140 ms in; test/echo/reply-offsets.test.ts).
   */
  let seatMs: number | undefined;
  let seatedThisReply = false;
  /** After the playback ran dry: a report this far into the reply (samples) seats it again. */
  let reseatFromSamples: number | undefined;
  let framesSinceSeat = 0;
  /** What the filter left of the far end when this seat was taken, and frames learnt since. */
  let residualAtSeatDb: number | undefined;
  let learntSinceSeat = 0;
  const seatSettleFrames = Math.ceil(filterMs / FRAME_MS) + SEAT_SETTLE_EXTRA_FRAMES;
  let closed = false;

  /** The playback reports of the last reply no longer apply; its seat holds until a report. */
  function newReply(): void {
    playback.clear();
    seatedThisReply = false;
    reseatFromSamples = undefined;
  }

  /**
   * A client that reports its playback has reported this reply's and the filter has run on
   * the new seat for a while (its history of the reference still held the old one). Until then
   * the echo may be off the filter's taps, so the echo share assumes nothing is removed.
   */
  function seatSettled(): boolean {
    if (seatMs === undefined) return true;
    // Past the filter's length once what it leaves has not risen since the seat (seat-fit.ts).
    return (
      seatedThisReply &&
      seatFits({
        framesSinceSeat,
        filterFrames: Math.ceil(filterMs / FRAME_MS),
        maxFrames: seatSettleFrames,
        learntFrames: learntSinceSeat,
        residualDb: shareState.residualGainDb,
        residualAtSeatDb,
      })
    );
  }

  /** Forgets the learnt echo path and what the filter leaves of it (assume all until learnt). */
  function restartFilter(): void {
    stage.reset();
    restarts++;
    framesSinceRestart = 0;
    shareState = { ...shareState, residualGainDb: undefined };
  }

  /**
   * The far end the echo share compares the microphone with, in `farEcho`: where the echo of
   * this frame left the speaker (the tracked echo delay back), its peak held over the room's
   * reverberation (ECHO_SPREAD_MS). Against the fed far end (the filter's, up to hundreds of
   * ms earlier) the near/far ratio swung with the speech and the path gain learnt as its lower
   * envelope sat 15 dB low, so echo alone read as double talk. Until the delay is known the
   * echo may come up to a second after the fed far end: its peak is held that long.
   */
  function readFarEcho(): number {
    const echoMs = echoDelayMs(tracker.delayMs, seatMs);
    // The seat alone is not the echo delay: the room's part is still unknown. Taken for all of
    // it, the first reply's echo was compared with the far end the room's delay before it
    // (test/echo/reply-offsets.test.ts, a first reply played 360 ms after it was sent: lowest
    // 0.37 -> 0.61 at -20 dB, 20 ms; a person 2.2-3.4 s into a first reply heard in 6 of 9
    // cases, 4 of 9 before).
    if (echoMs === undefined || tracker.delayMs === undefined) {
      farEcho.set(farFrame);
      return Math.ceil(UNSURE_HOLD_MS / FRAME_MS);
    }
    if (!seatSettled()) {
      // This reply may play earlier or later than the last: from as early as it was sent,
      // held past the last reply's seat and then some (a second when the rest is unknown).
      const restMs = tracker.delayMs;
      timeline.read(nearPosition - Math.round((restMs ?? 0) * samplesPerMs), farEcho);
      const holdMs =
        restMs === undefined ? UNSURE_HOLD_MS : ECHO_SPREAD_MS + (seatMs ?? 0) + SEAT_SLACK_MS;
      return Math.ceil(holdMs / FRAME_MS);
    }
    timeline.read(nearPosition - Math.round(echoMs * samplesPerMs), farEcho);
    return Math.ceil(ECHO_SPREAD_MS / FRAME_MS);
  }

  /** Whether a frame of the chunk in hand had its share assumed (delay or seat not known). */
  let chunkAssumed = false;

  function processFrame(near: Int16Array, out: Int16Array, shares: number[], powers: number[]) {
    // At the seat to the fraction of a sample (a report is to the sample of the client's rate).
    const feedSamples = (feedDelayMs + (seatMs ?? 0)) * samplesPerMs;
    fractional.read(timeline, nearPosition - feedSamples, farFrame);
    stage.process(near, farFrame, out, linear);
    // The tracker sees the far end where the client played it (per its reports), so it
    // measures the rest of the path (room, capture), which hardly moves.
    const playbackSamples = Math.round((seatMs ?? 0) * samplesPerMs);
    timeline.read(nearPosition - playbackSamples, farNow);
    const half = frameSize / BLOCKS_PER_FRAME;
    for (let b = 0; b < BLOCKS_PER_FRAME; b++)
      tracker.addBlock(
        blockLevelDb(farNow, b * half, (b + 1) * half),
        blockLevelDb(near, b * half, (b + 1) * half),
      );
    const farHoldFrames = readFarEcho();
    const levels = {
      nearPower: meanSquare(near),
      cleanedPower: meanSquare(out),
      linearPower: meanSquare(linear),
      farPower: meanSquare(farEcho),
      farHoldFrames,
      // The filter restarted at a new feed delay has not learnt the path yet either.
      delayKnown:
        tracker.delayMs !== undefined && framesSinceRestart >= SETTLE_FRAMES && seatSettled(),
    };
    const step = stepEchoShare(shareState, levels, DEFAULT_ECHO_SHARE);
    if (!levels.delayKnown) chunkAssumed = true;
    if (step.state.residualGainDb !== shareState.residualGainDb) learntSinceSeat++;
    shareState = step.state;
    shares.push(step.share);
    powers.push(levels.cleanedPower);
    nearPosition += frameSize;
    framesSinceRestart++;
    framesSinceSeat++;
    const nextFeedMs = chooseFeedDelayMs({
      currentMs: feedDelayMs,
      // The feed delay is counted from the seat: the rest of the path.
      estimateMs: tracker.delayMs,
      filterMs,
      marginMs,
      minLeadMs: MIN_LEAD_MS,
      tailMs: TAIL_RESERVE_MS,
    });
    if (levels.delayKnown && step.share < OWN_VOICE_THRESHOLD)
      personUntilFrame = frames + PERSON_HOLD_FRAMES;
    frames++;
    if (nextFeedMs === feedDelayMs) {
      fittingEstimateMs = tracker.delayMs;
      waitingSinceFrame = undefined;
      return;
    }
    // A person talking over the echo drags the delay estimate a little (their voice correlates
    // with nothing): such a move waits until they stop, or the restart would make the share
    // assume all echo for a second and hide them. A first estimate, or a larger move, does not.
    const drift =
      fittingEstimateMs !== undefined &&
      tracker.delayMs !== undefined &&
      Math.abs(tracker.delayMs - fittingEstimateMs) <= PERSON_DRIFT_MS;
    waitingSinceFrame ??= frames;
    const waitedTooLong = frames - waitingSinceFrame > PERSON_WAIT_MAX_FRAMES;
    if (drift && frames <= personUntilFrame && !waitedTooLong) return;
    waitingSinceFrame = undefined;
    // The filter learnt the path at the old alignment; after a move it only misleads.
    restartFilter();
    feedDelayMs = nextFeedMs;
  }

  return {
    pushFarEnd(chunk: AudioChunk) {
      if (closed || chunk.samples.length === 0) return;
      const seatSamples = Math.round((seatMs ?? 0) * samplesPerMs);
      const sentSamples = timeline.replySamples;
      const pushed = farEnd.push(chunk, nearPosition + fifo.pendingSamples, seatSamples);
      // A new reply: the playback reports of the last one no longer apply. The filter is kept:
      // the room has not changed. (Starting it over at each reply, as a client may start
      // playing at another sub-frame offset, left the first second of every reply deaf to a
      // person talking over it; see test/echo/alignment-replies.test.ts for what that costs.)
      if (pushed.newReply) newReply();
      // The client ran dry and resumes where it gets this: on its own clock, not at the
      // reply's seat (a client starting a reply some samples into its step resumes on a step).
      // The first report from the resumed part seats the rest of the reply.
      if (pushed.resumed) {
        resumes++;
        reseatFromSamples = sentSamples + frameSize;
      }
    },
    notePlayback(playedMs: number) {
      if (closed || !(playedMs >= 0)) return;
      // Not rounded: a report to the client's sample seats the reference between two of ours.
      const played = playedMs * samplesPerMs;
      // A report at (or past) the end of what was sent says nothing about the playback delay.
      if (played >= timeline.replySamples - frameSize) return;
      const position = timeline.positionOfPlayed(played);
      if (position === undefined || position > nearPosition) return;
      const offsetMs = (nearPosition - position) / samplesPerMs;
      playback.add(offsetMs);
      const reseatFrom = reseatFromSamples;
      const reseat = reseatFrom !== undefined && played >= reseatFrom;
      if (reseat) reseatFromSamples = undefined;
      // Nothing played yet (a client reports 0 until it starts) says only that it will be later.
      if ((seatedThisReply && !reseat) || played <= 0) return;
      // Where the last reply played (to the sample): the filter's history already fits.
      const moved = seatMs === undefined || Math.abs(offsetMs - seatMs) * samplesPerMs >= 0.5;
      // The tracker's far end of this part of the reply was fed at the old seat: laid again.
      const laidFrom = timeline.positionOfPlayed(reseat ? reseatFrom - frameSize : 0);
      if (laidFrom !== undefined)
        moveTrackerSeat({
          tracker,
          timeline,
          nearPosition,
          blockSamples: frameSize / BLOCKS_PER_FRAME,
          laidFrom,
          fromSeatSamples: Math.round((seatMs ?? 0) * samplesPerMs),
          toSeatSamples: Math.round(offsetMs * samplesPerMs),
        });
      seatMs = offsetMs;
      seatedThisReply = true;
      framesSinceSeat = moved ? 0 : seatSettleFrames;
      residualAtSeatDb = shareState.residualGainDb;
      learntSinceSeat = 0;
    },
    processNearEnd(chunk: AudioChunk): EchoFrameResult {
      if (closed) throw new ClosedError('echo canceller is closed');
      if (chunk.sampleRate !== sampleRate)
        throw new AudioFormatError(
          `echo canceller expects ${sampleRate} Hz microphone audio, got ${chunk.sampleRate} Hz`,
        );
      const shares: number[] = [];
      const powers: number[] = [];
      chunkAssumed = false;
      const cleaned = fifo.push(chunk.samples, (near, out) =>
        processFrame(near, out, shares, powers),
      );
      return {
        cleaned: { samples: cleaned, sampleRate },
        echoShare: chunkShare(shares, powers),
        shareAssumed: chunkAssumed,
      };
    },
    resetFarEnd() {
      if (closed) return;
      timeline.truncate(nearPosition);
      farEnd.clear();
      newReply();
    },
    close() {
      if (closed) return;
      closed = true;
      stage.close();
    },
    get trackedDelayMs() {
      return tracker.delayMs;
    },
    get playbackDelayMs() {
      return playback.currentMs;
    },
    get feedDelayMs() {
      return feedDelayMs;
    },
    get seatMs() {
      return seatMs;
    },
    get resumes() {
      return resumes;
    },
    get restarts() {
      return restarts;
    },
    get addedLatencyMs() {
      return fifo.latencySamples / samplesPerMs;
    },
  };
}

function meanSquare(samples: Int16Array): number {
  let sum = 0;
  for (const sample of samples) sum += sample * sample;
  return sum / Math.max(1, samples.length) / (32768 * 32768);
}
