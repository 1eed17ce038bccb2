import { ConfigError } from '../../../spec/errors.ts';
import type { HysteresisConfig } from './hysteresis.ts';

export interface VadThresholdOptions {
  /** Speech probability at or above which a frame counts as speech. Default 0.5. */
  readonly threshold?: number;
  /** Probability below which a frame counts as silence while speaking. Default threshold − 0.15. */
  readonly negThreshold?: number;
  /** Speech must last this long before `speech-start` is emitted. Default 96 ms. */
  readonly minSpeechMs?: number;
  /** Silence must last this long before `speech-end` is emitted. Default 300 ms. */
  readonly minSilenceMs?: number;
  /** A frame this confident marks where speech last surely was (for `speech-end.atMs`). Default 0.9, never below threshold. */
  readonly offsetThreshold?: number;
  /** Start times are moved this much earlier than the first speech frame. Default one frame. */
  readonly onsetLeadMs?: number;
  /** End times are moved this much earlier than the end of the last confident frame. Default half a frame. */
  readonly offsetLagMs?: number;
}

/** Fills defaults and checks ranges; throws ConfigError on nonsense. */
export function hysteresisConfig(options: VadThresholdOptions, frameMs: number): HysteresisConfig {
  const threshold = options.threshold ?? 0.5;
  const negThreshold = options.negThreshold ?? Math.max(0.01, threshold - 0.15);
  const config = {
    threshold,
    negThreshold,
    minSpeechMs: options.minSpeechMs ?? 96,
    minSilenceMs: options.minSilenceMs ?? 300,
    frameMs,
    offsetThreshold: Math.max(threshold, options.offsetThreshold ?? 0.9),
    onsetLeadMs: options.onsetLeadMs ?? frameMs,
    offsetLagMs: options.offsetLagMs ?? frameMs / 2,
  };
  if (!(threshold > 0 && threshold <= 1))
    throw new ConfigError(`threshold must be in (0, 1], got ${threshold}`);
  if (!(negThreshold > 0 && negThreshold <= threshold)) {
    throw new ConfigError(`negThreshold must be in (0, threshold], got ${negThreshold}`);
  }
  if (!(config.minSpeechMs >= 0 && config.minSilenceMs >= 0)) {
    throw new ConfigError('minSpeechMs and minSilenceMs must be ≥ 0');
  }
  return config;
}
