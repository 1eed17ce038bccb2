import type { TurnMetrics } from '../../../src/spec/metrics.ts';
import { heardMs } from './latency.ts';

/**
 * Collects, per turn, what the heard figure needs: the server's `firstAudioMs`,
 * this page's playout delay, and for push-to-talk the time since the release.
 * Calls `onFigures` whenever a turn's figures change.
 */
export class TurnLatency {
  readonly #audioStartAtMs = new Map<string, number>();
  readonly #turns = new Map<
    string,
    { firstAudioMs?: number; playoutDelayMs?: number; sincePttUpMs?: number }
  >();
  readonly #pttUpAtMs = new Map<string, number>();
  #pendingPttUpAtMs: number | undefined;
  readonly #onFigures: (
    turnKey: string,
    figures: Partial<TurnMetrics> & { heardMs?: number },
  ) => void;

  constructor(
    onFigures: (turnKey: string, figures: Partial<TurnMetrics> & { heardMs?: number }) => void,
  ) {
    this.#onFigures = onFigures;
  }

  pttReleased(atMs: number): void {
    this.#pendingPttUpAtMs = atMs;
  }

  turnStarted(turnKey: string): void {
    if (this.#pendingPttUpAtMs === undefined) return;
    this.#pttUpAtMs.set(turnKey, this.#pendingPttUpAtMs);
    this.#pendingPttUpAtMs = undefined;
  }

  audioStarted(turnKey: string, atMs: number): void {
    if (!this.#audioStartAtMs.has(turnKey)) this.#audioStartAtMs.set(turnKey, atMs);
  }

  /** The turn's first sample is playing; `outputLatencyMs` more until the speaker. */
  playbackStarted(turnKey: string, atMs: number, outputLatencyMs: number): void {
    const turn = this.#turn(turnKey);
    const sentAtMs = this.#audioStartAtMs.get(turnKey);
    if (sentAtMs !== undefined) turn.playoutDelayMs = atMs - sentAtMs + outputLatencyMs;
    const releasedAtMs = this.#pttUpAtMs.get(turnKey);
    if (releasedAtMs !== undefined) turn.sincePttUpMs = atMs - releasedAtMs + outputLatencyMs;
    this.#emit(turnKey, {});
  }

  metrics(turnKey: string, metrics: TurnMetrics): void {
    if (metrics.firstAudioMs !== undefined) this.#turn(turnKey).firstAudioMs = metrics.firstAudioMs;
    this.#emit(turnKey, metrics);
  }

  #turn(turnKey: string) {
    let turn = this.#turns.get(turnKey);
    if (!turn) {
      turn = {};
      this.#turns.set(turnKey, turn);
    }
    return turn;
  }

  #emit(turnKey: string, metrics: Partial<TurnMetrics>): void {
    const heard = heardMs(this.#turn(turnKey));
    this.#onFigures(turnKey, heard === undefined ? metrics : { ...metrics, heardMs: heard });
  }
}
