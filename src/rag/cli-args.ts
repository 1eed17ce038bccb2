import { parseArgs } from 'node:util';
import { ConfigError } from '../spec/errors.ts';

export type CliCommand =
  | {
      readonly command: 'ingest';
      readonly agentId: string;
      readonly dir: string;
      readonly target: StoreTarget;
    }
  | {
      readonly command: 'query';
      readonly agentId: string;
      readonly query: string;
      readonly topK: number;
      readonly target: StoreTarget;
    };

export type StoreTarget =
  | { readonly kind: 'sqlite'; readonly path: string }
  | { readonly kind: 'pglite'; readonly dataDir: string }
  | { readonly kind: 'postgres'; readonly url: string };

export const CLI_USAGE = `usage:
  rag ingest --agent <id> --dir <folder> [--db <sqlite file> | --pglite <dir> | --pg-url <url>]
  rag query  --agent <id> [--top-k 3] [store option] <question…>
default store: --db .data/parley.db`;

/** argv (after the script name) → a command, or ConfigError with the usage text. */
export function parseCliArgs(argv: readonly string[]): CliCommand {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      agent: { type: 'string' },
      dir: { type: 'string' },
      db: { type: 'string' },
      pglite: { type: 'string' },
      'pg-url': { type: 'string' },
      'top-k': { type: 'string' },
    },
  });
  const agentId = values.agent;
  if (!agentId) throw new ConfigError(`--agent is required\n${CLI_USAGE}`);
  const target: StoreTarget = values['pg-url']
    ? { kind: 'postgres', url: values['pg-url'] }
    : values.pglite
      ? { kind: 'pglite', dataDir: values.pglite }
      : { kind: 'sqlite', path: values.db ?? '.data/parley.db' };
  if (command === 'ingest') {
    if (!values.dir) throw new ConfigError(`--dir is required\n${CLI_USAGE}`);
    return { command, agentId, dir: values.dir, target };
  }
  if (command === 'query') {
    const query = positionals.join(' ').trim();
    if (!query) throw new ConfigError(`a question is required\n${CLI_USAGE}`);
    const topK = Number(values['top-k'] ?? 3);
    if (!Number.isInteger(topK) || topK < 1)
      throw new ConfigError(`--top-k must be a positive integer`);
    return { command, agentId, query, topK, target };
  }
  throw new ConfigError(`unknown command "${command ?? ''}"\n${CLI_USAGE}`);
}
