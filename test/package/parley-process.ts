import { spawn, type ChildProcess } from 'node:child_process';
import { until } from './ws-call.ts';

/** A `parley dev|start` process from an installed package, its output collected. */
export interface ParleyProcess {
  readonly output: () => string;
  /** The URL it printed, once it serves (`parley: <ids> at http://…/`). */
  readonly url: () => Promise<string>;
  stop(): Promise<void>;
}

export function startParley(
  bin: string,
  args: readonly string[],
  options: { readonly cwd: string; readonly env?: NodeJS.ProcessEnv },
): ParleyProcess {
  const child: ChildProcess = spawn(bin, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return {
    output: () => output,
    async url() {
      await until(
        () => / at http:\/\/127\.0\.0\.1:\d+\//.test(output) || child.exitCode !== null,
        90_000,
        () => output,
      );
      const url = /at (http:\/\/127\.0\.0\.1:\d+)\//.exec(output)?.[1];
      if (!url) throw new Error(`parley ${args[0] ?? ''} did not start:\n${output}`);
      return url;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
