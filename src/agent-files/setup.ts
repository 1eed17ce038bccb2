import type { AnyToolDefinition } from '../spec/tool.ts';

/** What an agent's `tools.ts` is given when it exports a function instead of an array. */
export interface AgentSetup {
  /** The agent's own folder (where its prompt.md is): for files it reads, e.g. `knowledge/`. */
  readonly agentDir: string;
  /** Where the agent may keep data (a database): the server's data folder. */
  readonly dataDir: string;
  /** One line for the operator's log. */
  readonly log: (line: string) => void;
}

/** `tools.ts`'s default export: the tools, or a function of the setup that makes them. */
export type AgentToolsExport =
  | readonly AnyToolDefinition[]
  | ((setup: AgentSetup) => readonly AnyToolDefinition[] | Promise<readonly AnyToolDefinition[]>);

/**
 * Tools that need the deployment (a database under `dataDir`, files beside the agent):
 * `export default defineTools(({ dataDir }) => [ … ])`. Called once per load.
 */
export function defineTools(
  make: (setup: AgentSetup) => readonly AnyToolDefinition[] | Promise<readonly AnyToolDefinition[]>,
): (setup: AgentSetup) => readonly AnyToolDefinition[] | Promise<readonly AnyToolDefinition[]> {
  return make;
}
