import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** A scenario server running in a child process (serve.ts). */
export interface ServerProcess {
  readonly wsUrl: string;
  readonly pid: number | undefined;
  /** What the server wrote to stderr (problems it reported), for a failing test to show. */
  readonly stderr: () => string;
  close(): Promise<void>;
}

/** Starts serve.ts under tsx and waits for its URL (up to 60 s: the first start loads models). */
export async function startServerProcess(signal: AbortSignal): Promise<ServerProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'serve.ts')],
    {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, ONNXRUNTIME_NODE_INSTALL: 'skip' },
    },
  );
  let stderr = '';
  child.stderr
    .setEncoding('utf8')
    .on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-8_000)));
  const exited = once(child, 'exit');
  const close = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.stdin.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    const lines = createInterface({ input: child.stdout });
    const timeout = AbortSignal.timeout(60_000);
    const [line] = (await once(lines, 'line', { signal: AbortSignal.any([signal, timeout]) })) as [
      string,
    ];
    lines.close();
    const { wsUrl } = JSON.parse(line) as { wsUrl: string };
    return { wsUrl, pid: child.pid, stderr: () => stderr, close };
  } catch (error: unknown) {
    await close();
    throw new Error(`the scenario server did not start: ${stderr.slice(-2_000)}`, { cause: error });
  }
}
