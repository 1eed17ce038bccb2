import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeAgent } from '../../agent-files/compose.ts';
import type { AgentDefinition } from '../../spec/agent.ts';
import type { AgentStorage } from '../shared/database.ts';
import { SUPPORT_DIALOGUE } from './dialogue.ts';
import { SupportStore } from './store.ts';
import { supportTools, type SupportToolOptions } from './tools.ts';
import { SUPPORT_VOCABULARY } from './vocabulary.ts';

export { SupportStore } from './store.ts';

export interface SupportAgentOptions extends SupportToolOptions {
  readonly dataDir: string;
  /** Where orders and refunds live; default SQLite in `dataDir` (see agentStorageFromEnv). */
  readonly storage?: AgentStorage;
}

/**
 * Customer support for a telco, from this folder's files (prompt.md, tools.ts, dialogue.ts,
 * vocabulary.ts, knowledge/) — the agent `loadAgentFromFiles` loads — with its store in hand
 * and the tools' options (for tests and benchmarks).
 */
export function createSupportAgent(options: SupportAgentOptions): {
  agent: AgentDefinition;
  store: SupportStore;
} {
  const store = new SupportStore(options.storage ?? options.dataDir);
  const agent = composeAgent(
    import.meta.dirname,
    readFileSync(join(import.meta.dirname, 'prompt.md'), 'utf8'),
    {
      tools: supportTools(store, options),
      dialogue: SUPPORT_DIALOGUE,
      vocabulary: SUPPORT_VOCABULARY,
    },
  );
  return { agent, store };
}
