/**
 * The speex echo canceller's timing and tuning constants, each with the measurement that set it
 * (speex-canceller.ts is the runner that uses them).
 */

export const FRAME_MS = 10;
export const BLOCKS_PER_FRAME = 2;
/** The echo must come at least this long after the fed reference. */
export const MIN_LEAD_MS = 10;
/**
 * The filter's reference is read at least this far (microphone samples) behind the near end:
 * about 1 ms at 16 kHz, 2 ms at 8 kHz. A resampler holds back the last 16-17 output samples of
 * each chunk pushed (its filter's half length; 17 from 22.05 or 44.1 kHz) until the next one
 * comes (far-end-input.ts `heldSamples`). A client that plays each frame on receipt is seated
 * at 0 ms; read at 0 ms behind, speex's history of its reference had a 1 ms hole every 20 ms
 * whose echo was never cancelled: espeak-ng at -3 dB, 20 ms read 0.42 and 0.16 at 1.72 s
 * (test/echo/reply-offsets.test.ts). Read 17 samples back: 0.80-1.00; through the WebSocket
 * (the paced client plays on receipt) later replies' median ERLE 21 -> 42 dB (espeak-ng -3 dB,
 * 20 ms), 20 -> 37 (-9 dB, 150 ms), 21 -> 35 (flite -9 dB, 60 ms). People over the echo are
 * heard as soon but for one first reply: RHVoice bdl 300 ms into espeak-ng 1000 -> 1020 ms
 * (first-reply-talker.test.ts). At 32 samples RHVoice clb was heard 366 -> 626 ms into a
 * first reply (barge-in-gaps.test.ts), with no restart and no other move: a session's first
 * reply keeps the residual gain its share learnt in its first frames (every later frame reads
 * as double talk), that came 1 dB higher, and the 200 ms take-over window after "stop" read
 * 0.17 against 0.15 (0.145 at 0 and 17 samples).
 * An 8 kHz agent into a 16 kHz microphone (upsampling) holds 24-32: not covered.
 */
export const LEAST_FEED_SAMPLES = 17;
/** Part of the filter kept for the room's reverberation after the direct echo. */
export const TAIL_RESERVE_MS = 100;
/**
 * A feed delay move waits this long after the last frame the share read as a person, in 10 ms
 * frames: a person's voice moved the estimate 150 -> 160 ms for an echo at the edge of the
 * filter's reach, and the restart hid them from the share (test/echo/double-talk.test.ts).
 */
export const PERSON_HOLD_FRAMES = 30;
/** The largest move of the delay estimate a person's voice is taken to cause, ms. */
export const PERSON_DRIFT_MS = 40;
/**
 * A move waits no longer than this, in 10 ms frames: echo read as a person (the path really
 * moved, and the filter no longer fits) must not hold the old alignment for good.
 */
export const PERSON_WAIT_MAX_FRAMES = 200;
/** How long a restarted filter takes to learn the path again, in 10 ms frames. */
export const SETTLE_FRAMES = 100;
/**
 * Past its filter's length on a new seat, the filter's history of the reference holds none of
 * the old seat; its output is trusted this long after that, in 10 ms frames. A client that
 * reports whole ms leaves a new seat up to 0.5 ms off where the reply plays and the filter
 * re-converges to it: trusted 50 ms after, echo read as a person 500-800 ms into 13 of 21
 * replies that played a fraction of a ms off the last (test/echo/reply-offsets.test.ts), 1 of
 * 21 at 800 ms. Reports to the µs need none of it (the reference is read between samples).
 */
export const SEAT_SETTLE_EXTRA_FRAMES = 80;
/** A new reply may play this much later than the last one did (before it reports), ms. */
export const SEAT_SLACK_MS = 60;
/** The far-end peak hold while the alignment is unsure. */
export const UNSURE_HOLD_MS = 1_000;
/** How long the room keeps an echo going after the direct sound (reverberation), ms. */
export const ECHO_SPREAD_MS = 100;
/**
 * What the canceller passes on is high-passed here (4th-order Butterworth), as WebRTC's audio
 * processing high-passes its capture. Below it speex leaves echo it never learnt: a reply's
 * falling pitch at its end (espeak-ng's last "noon" at 75 Hz and its 150 Hz harmonic, heard
 * nowhere earlier in the reply) was left at 5-14 dB below the microphone, and speex's own
 * residual estimate (made on pre-emphasised audio, 10-20 dB down there) suppressed none of it:
 * at -3 dB the last 100 ms of 2 replies of 6 read 0.31-0.46 (test/echo/alignment-replies).
 * Speech is told apart and recognised above it (a person's share over the echo: unchanged).
 * 200 Hz, not 150: at 150 the long espeak-ng reply's end at -3 dB still read as a person in
 * rooms of 8, 16, 24, 32 and 48 ms (0.30-0.41 at 8.3 s: its 150-200 Hz band, which speex learnt
 * or not by where the echo fell on its taps); at 200 all seven rooms tried read 0.59-0.79. The
 * people over the echo were heard as soon (first-reply-talker, barge-in-gaps, reply-start,
 * double-talk), the WebSocket and telephony tests passed with the words heard as before.
 */
export const HIGH_PASS_HZ = 200;
/** A measured shift of the seat smaller than this is left alone, samples. */
export const MIN_SHIFT_SAMPLES = 0.25;
