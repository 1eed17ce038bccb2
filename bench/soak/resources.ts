import { readdirSync, readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

/** What the process holds at one moment (Linux /proc). */
export interface ResourceSnapshot {
  readonly rssMb: number;
  readonly openFds: number;
  readonly childProcesses: number;
  /** p99 event-loop delay over the window before the snapshot. */
  readonly eventLoopP99Ms: number;
}

/** Direct children of this process (TTS and STT engines run as children). */
export function countChildren(pid = process.pid): number {
  let count = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue; // exited meanwhile
      throw error;
    }
    // Fields after the command (which may hold spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[1]) === pid) count += 1;
  }
  return count;
}

/** Takes snapshots; the event-loop figure covers the time since the previous one. */
export function resourceProbe(): { snapshot(): ResourceSnapshot; stop(): void } {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  return {
    snapshot() {
      const eventLoopP99Ms = delay.percentile(99) / 1e6;
      delay.reset();
      return {
        rssMb: process.memoryUsage().rss / 1024 / 1024,
        openFds: readdirSync('/proc/self/fd').length,
        childProcesses: countChildren(),
        eventLoopP99Ms,
      };
    },
    stop() {
      delay.disable();
    },
  };
}
