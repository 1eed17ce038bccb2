/** What a worker reports with each heartbeat. */
export interface WorkerLoad {
  readonly workerId: string;
  /** Where clients connect: `ws://host:port/ws`. */
  readonly url: string;
  readonly sessions: number;
  readonly maxSessions: number;
  /** Share of one core this process used since the last beat, 0..n. */
  readonly cpu: number;
  /** Event-loop delay (p99 since the last beat). */
  readonly lagMs: number;
  readonly draining: boolean;
  readonly beatAtMs: number;
  /** `host:port` of the worker's SIP endpoint, when it takes SIP calls. */
  readonly sipAddress?: string;
}

export interface PickPolicy {
  /** A worker whose loop lags more than this takes no new call. Default 250. */
  readonly maxLagMs?: number;
  /** A worker whose last beat is older than this takes no new call (it may be dead). Default 2500. */
  readonly staleMs?: number;
}

/** Sessions plus calls dispatched to it that have not connected yet. */
export interface Candidate extends WorkerLoad {
  readonly pending: number;
}

export function acceptsCalls(worker: Candidate, nowMs: number, policy: PickPolicy = {}): boolean {
  return (
    !worker.draining &&
    nowMs - worker.beatAtMs <= (policy.staleMs ?? 2_500) &&
    worker.sessions + worker.pending < worker.maxSessions &&
    worker.lagMs <= (policy.maxLagMs ?? 250)
  );
}

/**
 * The least-loaded healthy worker: fewest sessions + pending, then least lag, then least
 * CPU, then id (so the choice is deterministic). Undefined when none accepts calls.
 */
export function pickWorker(
  workers: readonly Candidate[],
  nowMs: number,
  policy: PickPolicy = {},
): Candidate | undefined {
  let best: Candidate | undefined;
  for (const worker of workers) {
    if (!acceptsCalls(worker, nowMs, policy)) continue;
    if (!best || compare(worker, best) < 0) best = worker;
  }
  return best;
}

function compare(a: Candidate, b: Candidate): number {
  return (
    a.sessions + a.pending - (b.sessions + b.pending) ||
    a.lagMs - b.lagMs ||
    a.cpu - b.cpu ||
    (a.workerId < b.workerId ? -1 : a.workerId > b.workerId ? 1 : 0)
  );
}
