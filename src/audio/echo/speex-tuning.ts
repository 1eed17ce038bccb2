/**
 * The speex echo canceller's timing and tuning constants, each with the measurement that set it
 * (speex-canceller.ts is the runner that uses them).
 */

export const FRAME_MS = 10;
export const BLOCKS_PER_FRAME = 2;
/** The echo must come at least this long after the fed reference. */
export const MIN_LEAD_MS = 10;
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
 */
export const HIGH_PASS_HZ = 150;
/** A measured shift of the seat smaller than this is left alone, samples. */
export const MIN_SHIFT_SAMPLES = 0.25;
