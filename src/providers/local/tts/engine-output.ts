import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectText, runEngine } from './child.ts';
import type { WarmEngine } from './warm-engine.ts';

/** How to run the engine for one chunk of text. */
export interface EngineCommand {
  readonly command: string;
  /** `OUTPUT_FILE` in args is replaced by a temporary WAV path when `output` is 'file'. */
  readonly args: readonly string[];
  readonly stdin: string;
  /**
   * 'stdout': the engine streams WAV to stdout. 'file': it can only write a
   * file (flite cannot open /dev/stdout when stdout is a socket, as Node's
   * pipes are), read once the engine exits; its stdout text is then handed
   * to `onStdout` (flite prints timed phones there).
   */
  readonly output: 'stdout' | 'file';
  readonly onStdout?: (text: string) => void;
}

export const OUTPUT_FILE = '{output-file}';

/**
 * The engine's WAV bytes as they become available. Throws ProviderError if
 * the engine fails; on `signal` abort the process is killed and it ends.
 */
export async function* engineOutput(
  provider: string,
  command: EngineCommand,
  signal: AbortSignal,
  warm?: WarmEngine,
): AsyncGenerator<Uint8Array> {
  if (command.output === 'stdout') {
    const run = warm
      ? warm.run(command.command, command.args, command.stdin, signal)
      : runEngine(provider, command.command, command.args, command.stdin, signal);
    try {
      for await (const bytes of run.stdout) yield bytes;
      await run.finished;
    } finally {
      // Leaving early (abort, consumer gone): the caller's signal kills the process; wait for it to be reaped.
      await run.finished.catch((error: unknown) => void error);
    }
    return;
  }
  const dir = await mkdtemp(join(tmpdir(), 'parley-tts-'));
  try {
    const file = join(dir, 'out.wav');
    const args = command.args.map((arg) => (arg === OUTPUT_FILE ? file : arg));
    const run = runEngine(provider, command.command, args, command.stdin, signal);
    const stdout = await collectText(run.stdout, run.finished);
    if (signal.aborted) return;
    command.onStdout?.(stdout);
    yield await readFile(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
