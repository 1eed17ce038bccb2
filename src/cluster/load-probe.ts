import { monitorEventLoopDelay } from 'node:perf_hooks';

/** Measures this process between beats: CPU share of one core and event-loop delay p99. */
export class LoadProbe {
  readonly #histogram = monitorEventLoopDelay({ resolution: 10 });
  #cpu = process.cpuUsage();
  #atMs = performance.now();

  constructor() {
    this.#histogram.enable();
  }

  /** The figures since the previous call (or since creation). */
  sample(): { cpu: number; lagMs: number } {
    const cpu = process.cpuUsage(this.#cpu);
    const nowMs = performance.now();
    const elapsedMs = Math.max(1, nowMs - this.#atMs);
    const share = (cpu.user + cpu.system) / 1000 / elapsedMs;
    // The histogram counts the timer's own resolution as delay: take it off.
    const lagMs = Math.max(0, this.#histogram.percentile(99) / 1e6 - 10);
    this.#histogram.reset();
    this.#cpu = process.cpuUsage();
    this.#atMs = nowMs;
    return { cpu: Math.round(share * 1000) / 1000, lagMs: Math.round(lagMs * 10) / 10 };
  }

  close(): void {
    this.#histogram.disable();
  }
}
