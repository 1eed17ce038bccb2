import type { Session } from '../conversation/types.ts';
import { RateLimitedError } from '../spec/errors.ts';
import { openCpuAccount, type CpuAccount } from './cpu-accounting.ts';
import { CpuBudget, type CpuBudgetLimits } from './cpu-budget.ts';
import { forwardSession } from './forward-session.ts';

/** What one session's main-thread time came to, reported when it closes. */
export interface SessionCpuReport {
  readonly sessionId: string;
  readonly agentId: string;
  readonly cpuMs: number;
  readonly lifetimeMs: number;
  /** Inputs (audio frames, typed turns, push-to-talk presses) refused while over budget. */
  readonly refusedInputs: number;
}

export interface CpuGuardOptions {
  /** Without one the session is measured but never throttled (phone calls). */
  readonly budget?: CpuBudget;
  readonly onClosed?: (report: SessionCpuReport) => void;
}

/**
 * The same session with every call made on its CPU account, so the work each call starts
 * is charged to it. While its budget is exhausted, new input (audio, typed text, a
 * push-to-talk press) is refused with a RateLimitedError and nothing reaches the session;
 * what it is doing already goes on, and other sessions are never charged for it.
 */
export function withCpuGuard(
  session: Session,
  account: CpuAccount,
  options: CpuGuardOptions = {},
): Session {
  const { budget } = options;
  const openedMs = performance.now();
  let refusedInputs = 0;
  const admit = () => {
    if (!budget) return;
    budget.update(account.usedMs);
    if (!budget.exhausted) return;
    refusedInputs += 1;
    const { cpuMsPerSecond } = budget.limits;
    throw new RateLimitedError(
      `this session used more than its share of the server's processor (${cpuMsPerSecond} ms a second): input refused for ${(budget.retryAfterMs / 1000).toFixed(1)} s`,
      budget.retryAfterMs,
    );
  };
  let closing: Promise<void> | undefined;
  const run = <T>(call: () => T): T => account.run(call);
  return forwardSession(
    session,
    {
      pushAudio: (chunk) => {
        admit();
        run(() => session.pushAudio(chunk));
      },
      sendText: (text) => {
        admit();
        run(() => session.sendText(text));
      },
      pttDown: () => {
        admit();
        run(() => session.pttDown());
      },
      close: () => {
        closing ??= run(() => session.close()).finally(() => {
          options.onClosed?.({
            sessionId: session.id,
            agentId: session.agent.id,
            cpuMs: account.usedMs,
            lifetimeMs: performance.now() - openedMs,
            refusedInputs,
          });
          account.close();
        });
        return closing;
      },
    },
    run,
  );
}

export interface SessionMetering {
  /** Undefined: sessions are measured, never throttled. */
  readonly limits: CpuBudgetLimits | undefined;
  readonly onClosed?: (report: SessionCpuReport) => void;
}

/**
 * Opens a CPU account, builds the session on it (`build` runs model and session set-up with
 * `account.run`) and guards it; a session built for a `throttled` transport gets a budget.
 */
export async function openMeteredSession(
  metering: SessionMetering,
  throttled: boolean,
  build: (account: CpuAccount) => Promise<Session>,
): Promise<Session> {
  const account = openCpuAccount();
  try {
    const session = await build(account);
    const budget =
      throttled && metering.limits
        ? new CpuBudget(metering.limits, () => performance.now())
        : undefined;
    return withCpuGuard(session, account, {
      ...(budget ? { budget } : {}),
      ...(metering.onClosed ? { onClosed: metering.onClosed } : {}),
    });
  } catch (error) {
    account.close();
    throw error;
  }
}
