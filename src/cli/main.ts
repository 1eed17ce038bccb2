#!/usr/bin/env node
// `parley`: init an agent folder, serve it while you edit it (dev), or serve it (start).
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { initAgent } from './init.ts';

const packageRoot = join(import.meta.dirname, '..', '..');
const USAGE = `usage:
  parley init <dir>                       scaffold an agent (prompt.md, tools.ts, a test)
  parley dev [dir] [--port N] [--host H]  serve it, reloading prompt.md and tools.ts on change
  parley start [dir] [--port N] [--host H]
engines come from PARLEY_LLM / PARLEY_STT / PARLEY_TTS (default: the offline ones).`;

async function main(argv: readonly string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      port: { type: 'string', default: process.env['PORT'] ?? '8787' },
      host: { type: 'string', default: process.env['HOST'] ?? '127.0.0.1' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, dir] = positionals;
  if (values.help || command === undefined) {
    console.log(USAGE);
    return;
  }
  if (command === 'init') {
    if (dir === undefined) throw new UsageError('parley init needs a folder name');
    const files = await initAgent(dir, packageRoot);
    console.log(`parley: wrote ${files.join(', ')} in ${dir}`);
    console.log(`next: cd ${dir} && npx parley dev`);
    return;
  }
  if (command !== 'dev' && command !== 'start')
    throw new UsageError(`unknown command "${command}"`);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new UsageError(`--port must be 0–65535, not "${values.port}"`);
  // Loaded only to serve: `init` needs none of the engines.
  const { serveAgents } = await import('./serve.ts');
  const serving = await serveAgents({
    dir: dir ?? '.',
    packageRoot,
    host: values.host,
    port,
    watch: command === 'dev',
    env: process.env,
    log: (line) => console.log(line),
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      serving.close().then(
        () => process.exit(0),
        (error: unknown) => {
          console.error('parley: close failed', error);
          process.exit(1);
        },
      );
    });
  }
}

class UsageError extends Error {
  override readonly name = 'UsageError';
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`parley: ${error instanceof Error ? error.message : String(error)}`);
  if (error instanceof UsageError) console.error(USAGE);
  process.exit(1);
});
