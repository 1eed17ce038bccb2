/** The speex canceller's options and handle (speex-canceller.ts makes one). */
import type { EchoCanceller } from '../../spec/echo.ts';

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
  /** The same while the near end is active (double talk), dB. Default -15. */
  readonly residualSuppressActiveDb?: number;
  /**
   * The suppression grows with what the filter shows it removes (suppress-depth.ts); false:
   * at full depth from the first frame. Default true.
   */
  readonly suppressFollowsFilter?: boolean;
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
