import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

export interface EchoServerProcess {
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts test/echo/echo-server.ts in a child process and waits for its URL. */
export async function spawnEchoServer(
  canceller: boolean,
  voice?: 'espeak' | 'flite',
): Promise<EchoServerProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', new URL('./echo-server.ts', import.meta.url).pathname],
    {
      env: {
        ...process.env,
        PARLEY_ECHO_CANCELLER: canceller ? 'on' : 'off',
        ...(voice !== undefined && { PARLEY_ECHO_VOICE: voice }),
      },
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    lines.on('line', (line) => {
      const match = /^listening (\S+)/.exec(line);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) =>
      reject(new Error(`echo server exited (${code}) before listening`)),
    );
  });
  return {
    url,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.stdin?.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
      lines.close();
    },
  };
}
