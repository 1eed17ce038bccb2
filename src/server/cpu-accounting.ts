import { AsyncLocalStorage, createHook } from 'node:async_hooks';

/**
 * Main-thread time charged to one account (a session). Everything that runs inside
 * `run()` — and every timer, promise continuation and I/O callback started from there —
 * carries the account (AsyncLocalStorage), and the time each of those runs take on this
 * thread is charged to it, exclusive of nested runs of other accounts. Work of no account
 * (the transport parsing frames, the HTTP server) is charged to no one.
 *
 * It is wall time of synchronous runs, so it includes garbage collection and any time the
 * operating system gave the core to another process meanwhile: what a session's work held
 * the event loop for, which is what other sessions wait on.
 */
export interface CpuAccount {
  /** Main-thread milliseconds charged so far. */
  readonly usedMs: number;
  /** Runs `fn` on this account, with everything it starts. */
  run<T>(fn: () => T): T;
  /** Stops charging this account. */
  close(): void;
}

interface AccountState {
  usedMs: number;
  open: boolean;
}

interface Frame {
  readonly asyncId: number;
  readonly account: AccountState | undefined;
}

/** Deeper than this, frames were left by callbacks whose `after` never came (uncaught errors). */
const MAX_FRAMES = 10_000;

const storage = new AsyncLocalStorage<AccountState>();
const frames: Frame[] = [];
let markMs = 0;
let openAccounts = 0;
let nextRunId = -1;

function chargeTop(nowMs: number): void {
  const account = frames.at(-1)?.account;
  if (account?.open) account.usedMs += nowMs - markMs;
  markMs = nowMs;
}

function enter(asyncId: number, account: AccountState | undefined): void {
  chargeTop(performance.now());
  if (frames.length >= MAX_FRAMES) frames.length = 0;
  frames.push({ asyncId, account });
}

function leave(asyncId: number): void {
  chargeTop(performance.now());
  // Pop to the matching frame: an exception may have skipped the `after` of inner ones.
  for (let i = frames.length - 1; i >= 0; i--) {
    if (frames[i]?.asyncId === asyncId) {
      frames.length = i;
      return;
    }
  }
}

const hook = createHook({
  before: (asyncId) => enter(asyncId, storage.getStore()),
  after: (asyncId) => leave(asyncId),
});

/** Opens an account; the timing hook runs only while at least one account is open. */
export function openCpuAccount(): CpuAccount {
  const state: AccountState = { usedMs: 0, open: true };
  if (openAccounts++ === 0) hook.enable();
  return {
    get usedMs() {
      // Include the run in progress when asked from inside it.
      if (frames.at(-1)?.account === state) chargeTop(performance.now());
      return state.usedMs;
    },
    run<T>(fn: () => T): T {
      const runId = nextRunId--;
      enter(runId, state);
      try {
        return storage.run(state, fn);
      } finally {
        leave(runId);
      }
    },
    close() {
      if (!state.open) return;
      state.open = false;
      if (--openAccounts === 0) {
        hook.disable();
        frames.length = 0;
      }
    },
  };
}

/** Accounts open now (the hook is enabled while this is above 0). */
export function openCpuAccountCount(): number {
  return openAccounts;
}
