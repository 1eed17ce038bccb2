import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeAgent } from '../../agent-files/compose.ts';
import type { AgentDefinition } from '../../spec/agent.ts';
import { CAFE_DIALOGUE } from './dialogue.ts';
import { cafeTools } from './tools.ts';
import { CAFE_VOCABULARY } from './vocabulary.ts';

/**
 * Spanish role-play, a grumpy waiter in a Madrid café, from this folder's files (prompt.md,
 * tools.ts, dialogue.ts, vocabulary.ts) — the agent `loadAgentFromFiles` loads.
 */
export function createCafeAgent(): AgentDefinition {
  return composeAgent(
    import.meta.dirname,
    readFileSync(join(import.meta.dirname, 'prompt.md'), 'utf8'),
    { tools: cafeTools(), dialogue: CAFE_DIALOGUE, vocabulary: CAFE_VOCABULARY },
  );
}
