import type { Clock } from '../spec/clock.ts';
import { AbortedError, ParleyError, TimeoutError, ToolError } from '../spec/errors.ts';
import { ANONYMOUS_CALLER, type CallerIdentity } from '../spec/identity.ts';
import type { AnyToolDefinition, ToolContext } from '../spec/tool.ts';

/**
 * Runs a tool with a timeout and the caller's abort signal. The tool sees one
 * signal that fires on either; a tool that ignores its signal is abandoned
 * (its late result is dropped).
 */
export async function executeWithTimeout(
  tool: AnyToolDefinition,
  args: unknown,
  options: {
    readonly clock: Clock;
    readonly timeoutMs: number;
    readonly signal: AbortSignal;
    readonly sessionId: string;
    readonly caller?: CallerIdentity;
    readonly reportProgress: ToolContext['reportProgress'];
  },
): Promise<unknown> {
  const { clock, timeoutMs, signal } = options;
  if (signal.aborted) throw new AbortedError('tool call aborted', { cause: signal.reason });
  const controller = new AbortController();
  let cancelTimer: () => void = () => undefined;
  const onAbort = () => controller.abort(signal.reason);
  signal.addEventListener('abort', onAbort, { once: true });

  const stopped = new Promise<never>((_, reject) => {
    cancelTimer = clock.setTimer(timeoutMs, () => {
      const error = new TimeoutError(
        `Tool ${tool.name} timed out after ${timeoutMs} ms`,
        timeoutMs,
      );
      controller.abort(error);
      reject(error);
    });
    controller.signal.addEventListener(
      'abort',
      () => {
        if (signal.aborted) reject(new AbortedError('tool call aborted', { cause: signal.reason }));
      },
      { once: true },
    );
  });

  const context: ToolContext = {
    signal: controller.signal,
    sessionId: options.sessionId,
    caller: options.caller ?? ANONYMOUS_CALLER,
    reportProgress: (fraction, label) => {
      if (!controller.signal.aborted) options.reportProgress(fraction, label);
    },
  };
  try {
    return await Promise.race([Promise.resolve().then(() => tool.execute(args, context)), stopped]);
  } catch (error: unknown) {
    if (ParleyError.isInstance(error)) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new ToolError(`Tool ${tool.name} failed: ${message}`, tool.name, { cause: error });
  } finally {
    cancelTimer();
    signal.removeEventListener('abort', onAbort);
    stopped.catch(() => undefined);
  }
}
