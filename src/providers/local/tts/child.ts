import { spawn } from 'node:child_process';
import { ProviderError } from '../../../spec/errors.ts';

export interface EngineRun {
  /** The engine's stdout as it arrives. */
  readonly stdout: AsyncIterable<Uint8Array>;
  /** Resolves once the process has exited and been reaped; rejects with ProviderError on failure. */
  readonly finished: Promise<void>;
  readonly pid: number | undefined;
}

const STDERR_LIMIT = 2048;

/**
 * Runs one engine process, writing `input` to its stdin. On `signal` abort the
 * process is killed (SIGKILL); `finished` then resolves quietly.
 */
export function runEngine(
  provider: string,
  command: string,
  args: readonly string[],
  input: string,
  signal: AbortSignal,
): EngineRun {
  const engine = startEngine(provider, command, args, signal);
  engine.write(input);
  return engine.run;
}

/** An engine process started before its input is known: it waits on stdin until `write`. */
export interface StartedEngine {
  readonly run: EngineRun;
  /** Writes the input and closes stdin (once). */
  write(input: string): void;
  /** The process has exited (it can take no input). */
  readonly exited: boolean;
}

/** Starts an engine process that reads its input from stdin once `write` is called. */
export function startEngine(
  provider: string,
  command: string,
  args: readonly string[],
  signal: AbortSignal,
): StartedEngine {
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (data: Buffer) => {
    if (stderr.length < STDERR_LIMIT) stderr += data.toString('utf8');
  });
  const kill = (): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  signal.addEventListener('abort', kill, { once: true });
  child.stdin.on('error', (error) => {
    // EPIPE when the engine exits (or is killed) before reading all input; the exit status reports it.
    if (!signal.aborted) stderr += `stdin: ${String(error)}`;
  });
  const finished = new Promise<void>((resolve, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) => {
      const retryable = error.code !== 'ENOENT';
      reject(new ProviderError(`${command} could not run`, { provider, retryable, cause: error }));
    });
    child.once('close', (code, exitSignal) => {
      signal.removeEventListener('abort', kill);
      if (code === 0 || signal.aborted) resolve();
      else {
        const cause = new Error(`exit ${code ?? exitSignal}: ${stderr.trim()}`);
        reject(new ProviderError(`${command} failed`, { provider, retryable: true, cause }));
      }
    });
  });
  // Reported through `finished` (and by whoever awaits it); never an unhandled rejection.
  finished.catch(() => undefined);
  let written = false;
  return {
    run: { stdout: child.stdout, finished, pid: child.pid },
    write: (input) => {
      if (written) return;
      written = true;
      child.stdin.end(input);
    },
    get exited() {
      return child.exitCode !== null || child.signalCode !== null;
    },
  };
}

const CAPTURE_LIMIT = 1 << 20;

/** Runs an engine to completion and returns its stdout as text (at most 1 MiB). */
export async function captureStdout(
  provider: string,
  command: string,
  args: readonly string[],
  signal: AbortSignal,
): Promise<string> {
  const run = runEngine(provider, command, args, '', signal);
  return collectText(run.stdout, run.finished);
}

/** Reads a stdout stream to text while waiting for its process to finish. */
export async function collectText(
  stdout: AsyncIterable<Uint8Array>,
  finished: Promise<void>,
): Promise<string> {
  let text = '';
  for await (const bytes of stdout) {
    if (text.length < CAPTURE_LIMIT) text += Buffer.from(bytes).toString('utf8');
  }
  await finished;
  return text;
}
