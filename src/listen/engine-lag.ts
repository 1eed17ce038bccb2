/** Which engine reads the microphone audio. */
export type Stage = 'vad' | 'stt';

/** Ms of audio each engine has been given but not yet processed. */
export interface LagReport {
  readonly vadMs: number;
  readonly sttMs: number;
}

/** Lag is reported when it moved by this many ms (or fell to zero) since the last report. */
export const LAG_REPORT_STEP_MS = 50;

/** Pure: whether a lag is worth reporting, given the last one reported. */
export function shouldReportLag(lagMs: number, reportedMs: number): boolean {
  if (lagMs === reportedMs) return false;
  return lagMs === 0 || Math.abs(lagMs - reportedMs) >= LAG_REPORT_STEP_MS;
}

/**
 * Counts, per engine, the audio handed to it and the audio it has processed (an engine asks
 * for its next chunk once it is done with the last), and reports their difference — the
 * audio it has not heard yet — when it moves by a step.
 */
export class LagMeter {
  readonly #given = { vad: 0, stt: 0 };
  readonly #processed = { vad: 0, stt: 0 };
  readonly #reported = { vad: 0, stt: 0 };
  #listener: ((lag: LagReport) => void) | undefined;

  /** Who hears the reports (one listener; a later call replaces it). */
  listen(listener: (lag: LagReport) => void): void {
    this.#listener = listener;
  }

  given(stage: Stage, ms: number): void {
    this.#given[stage] += ms;
    this.#check();
  }

  processed(stage: Stage, ms: number): void {
    this.#processed[stage] += ms;
    this.#check();
  }

  lagMs(stage: Stage): number {
    return Math.max(0, this.#given[stage] - this.#processed[stage]);
  }

  #check(): void {
    const vadMs = this.lagMs('vad');
    const sttMs = this.lagMs('stt');
    const report =
      shouldReportLag(vadMs, this.#reported.vad) || shouldReportLag(sttMs, this.#reported.stt);
    if (!report) return;
    this.#reported.vad = vadMs;
    this.#reported.stt = sttMs;
    this.#listener?.({ vadMs, sttMs });
  }
}

/**
 * Hands out `source` one item at a time and tells `done` how many ms of audio each held once
 * the consumer asks for the next one (it has processed this one by then).
 */
export async function* countProcessed<T>(
  source: AsyncIterable<T>,
  msOf: (item: T) => number,
  done: (ms: number) => void,
): AsyncGenerator<T> {
  for await (const item of source) {
    yield item;
    done(msOf(item));
  }
}
