import type { AudioChunk } from '../../spec/audio.ts';
import type { EchoFrameResult } from '../../spec/echo.ts';
import { AudioFormatError, ClosedError } from '../../spec/errors.ts';
import { blockLevelDb } from './delay-estimate.ts';
import { createCoherenceJudge } from './coherence-cue.ts';
import { createDelayTracker, DEFAULT_DELAY_TRACKER } from './delay-tracker.ts';
import {
  chunkShare,
  DEFAULT_ECHO_SHARE,
  initialEchoShareState,
  nearAtFloor,
  nearOverNoiseDb,
  stepEchoShare,
} from './echo-share.ts';
import { createFarEndInput } from './far-end-input.ts';
import { createFarEndTimeline } from './far-end-timeline.ts';
import { createFractionalReader } from './fractional-read.ts';
import { createFeedMover } from './feed-move.ts';
import { createFrameFifo } from './frame-fifo.ts';
import { createHighPass } from './high-pass.ts';
import { OWN_VOICE_THRESHOLD } from './own-voice.ts';
import * as reports from './playback-offset.ts';
import { seatFits } from './seat-fit.ts';
import { createSeatRefiner } from './seat-refiner.ts';
import { createSpeexStage } from './speex-stage.ts';
import type { SpeexEchoCanceller, SpeexEchoOptions } from './speex-types.ts';
import { moveTrackerSeat } from './tracker-seat.ts';
import {
  FRAME_MS,
  BLOCKS_PER_FRAME,
  SETTLE_FRAMES,
  SEAT_SETTLE_EXTRA_FRAMES,
  SEAT_SLACK_MS,
  UNSURE_HOLD_MS,
  ECHO_SPREAD_MS,
  HIGH_PASS_HZ,
  MIN_SHIFT_SAMPLES,
  LEAST_FEED_SAMPLES,
} from './speex-tuning.ts';

export type { SpeexEchoCanceller, SpeexEchoOptions } from './speex-types.ts';

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
    residualSuppressActiveDb: options.residualSuppressActiveDb ?? -15,
    depthFollowsFilter: options.suppressFollowsFilter,
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
  const refiner = createSeatRefiner(sampleRate);
  const refineReader = createFractionalReader();
  /** A seat moved since the last frame: the next frame starts refining it. */
  let refineSeat = false;
  const farFrame = new Int16Array(frameSize);
  const farNow = new Int16Array(frameSize);
  const farEcho = new Int16Array(frameSize);
  const linear = new Int16Array(frameSize);
  // One for the output and one for the filter's output the echo share learns on.
  const highPass = createHighPass({ sampleRate, cutoffHz: HIGH_PASS_HZ });
  const linearHighPass = createHighPass({ sampleRate, cutoffHz: HIGH_PASS_HZ });
  let shareState = initialEchoShareState();
  const coherence = createCoherenceJudge({ sampleRate, frameSize, frameMs: FRAME_MS, maxDelayMs });
  let nearPosition = 0;
  // Never less than what a resampler holds of the far end sent (speex-tuning.ts).
  const feed = createFeedMover({ filterMs, marginMs, leastMs: LEAST_FEED_SAMPLES / samplesPerMs });
  let framesSinceRestart = 0;
  let resumes = 0;
  let restarts = 0;
  const playback = reports.createPlaybackOffset();
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
  /** What seated this reply (playback-offset.ts `seatFromReport`). */
  let seatSource: reports.SeatSource = 'none';
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
    refiner.stop();
    seatSource = 'none';
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
      seatSource !== 'none' &&
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
    refiner.stop();
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
    const echoMs = reports.echoDelayMs(tracker.delayMs, seatMs);
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

  /**
   * A reply seated anew on a report in whole ms lies up to half a ms off where it plays, and
   * off by another amount than the last (the filter learnt there): the shift is measured on
   * the reply's first 200 ms of far end against the path learnt so far and the seat moved by
   * it (seat-refine.ts). Reported in whole ms, 8 replies 0-40 ms apart: seats refined to
   * within 0.01 ms of where they play, and the lowest share in their first 2 s 0.33 -> 1.00
   * (test/echo/reply-offsets.test.ts); reported to the µs, every shift measured under 0.05
   * samples and left alone.
   */
  function refine(near: Int16Array, feedSamples: number): void {
    if (refineSeat) {
      refineSeat = false;
      refiner.start(stage.impulseResponse());
    }
    const shift = refiner.addFrame(near, farFrame, (back, into) =>
      refineReader.read(timeline, nearPosition - feedSamples - back, into),
    );
    if (shift !== undefined && seatMs !== undefined && Math.abs(shift) >= MIN_SHIFT_SAMPLES)
      seatMs += shift / samplesPerMs;
  }

  /** Whether a frame of the chunk in hand had its share assumed (delay or seat not known). */
  let chunkAssumed = false;
  /** ...or read by the envelope coherence (coherence-cue.ts). */
  let chunkByCoherence = false;

  function processFrame(near: Int16Array, out: Int16Array, shares: number[], powers: number[]) {
    // At the seat to the fraction of a sample (a report is to the sample of the client's rate).
    const feedSamples = (feed.feedDelayMs + (seatMs ?? 0)) * samplesPerMs;
    fractional.read(timeline, nearPosition - feedSamples, farFrame);
    stage.process(near, farFrame, out, linear);
    highPass.process(out, out);
    linearHighPass.process(linear, linear);
    refine(near, feedSamples);
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
    // Where the level model has not learnt enough, the envelope coherence decides.
    const heard = coherence.read(near, farNow, {
      delayMs: tracker.delayMs,
      seatMs,
      atFloor: nearAtFloor(shareState),
      overNoiseDb: nearOverNoiseDb(shareState),
    });
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
    const step = stepEchoShare(
      shareState,
      { ...levels, personHeard: heard.personHeard },
      DEFAULT_ECHO_SHARE,
    );
    const residualLearnt = step.state.residualGainDb !== shareState.residualGainDb;
    const judged = coherence.decide({ ...levels, residualLearnt, levelShare: step.share });
    if (judged.assumed || (!levels.delayKnown && !judged.byCoherence)) chunkAssumed = true;
    if (judged.byCoherence) chunkByCoherence = true;
    if (residualLearnt) learntSinceSeat++;
    shareState = step.state;
    shares.push(judged.share);
    powers.push(levels.cleanedPower);
    nearPosition += frameSize;
    framesSinceRestart++;
    framesSinceSeat++;
    const person = (levels.delayKnown || judged.byCoherence) && judged.share < OWN_VOICE_THRESHOLD;
    // The filter learnt the path at the old alignment; after a move it only misleads.
    if (feed.afterFrame(tracker.delayMs, person)) restartFilter();
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
      const context = { timeline, heldSamples: farEnd.heldSamples, nearPosition, samplesPerMs };
      const report = reports.readReport({ ...context, frameSamples: frameSize }, played);
      if (report === undefined) return;
      if (!report.atEnd && report.offsetMs >= 0) playback.add(report.offsetMs);
      const reseatFrom = reseatFromSamples;
      const reseat = reseatFrom !== undefined && played >= reseatFrom;
      if (reseat) reseatFromSamples = undefined;
      // Nothing played yet (a client reports 0 until it starts) says only that it will be later.
      if (played <= 0) return;
      const source = reseat ? 'none' : seatSource;
      const next = reports.seatFromReport(source, seatMs, report, 0.5 / samplesPerMs);
      if (next === undefined) return;
      // Where the last reply played (to the sample; the first was fed at 0): the filter fits.
      const moved = Math.abs(next.seatMs - (seatMs ?? 0)) * samplesPerMs >= 0.5;
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
          toSeatSamples: Math.round(next.seatMs * samplesPerMs),
        });
      // Refined against a path the filter learnt on an earlier seat (none before the first).
      refineSeat = moved && seatMs !== undefined && framesSinceRestart >= SETTLE_FRAMES;
      seatMs = next.seatMs;
      seatSource = next.source;
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
      chunkByCoherence = false;
      const cleaned = fifo.push(chunk.samples, (near, out) =>
        processFrame(near, out, shares, powers),
      );
      return {
        cleaned: { samples: cleaned, sampleRate },
        echoShare: chunkShare(shares, powers),
        shareAssumed: chunkAssumed,
        shareLagsOnset: chunkByCoherence,
      };
    },
    resetFarEnd() {
      if (closed) return;
      coherence.replyEnded();
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
      return feed.feedDelayMs;
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
