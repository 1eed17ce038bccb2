import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { AgentDefinition } from '../spec/agent.ts';
import type { DialogueScript } from '../spec/dialogue.ts';
import type { SttVocabulary } from '../spec/stt.ts';
import type { AnyToolDefinition } from '../spec/tool.ts';
import { mergeVocabulary } from './extras.ts';
import { parsePromptFile } from './prompt-file.ts';
import { uiFromFolder } from './ui-folder.ts';

/** What an agent folder's code gives beside prompt.md: its tools and optional extras. */
export interface AgentParts {
  readonly tools: readonly AnyToolDefinition[];
  readonly dialogue?: DialogueScript;
  readonly vocabulary?: SttVocabulary;
}

/**
 * An agent from its folder, the text of its prompt.md and its parts — the one composition
 * shared by `loadAgentFromFiles` and code that builds a shipped agent with its own store.
 * `knowledge/` and `ui/` are found beside prompt.md.
 */
export function composeAgent(dir: string, promptText: string, parts: AgentParts): AgentDefinition {
  const folder = resolve(dir);
  const base = parsePromptFile(promptText, basename(folder));
  const knowledgeDir = join(folder, 'knowledge');
  const vocabulary = mergeVocabulary(base.vocabulary, parts.vocabulary);
  return {
    ...base,
    ui: uiFromFolder(folder, base.id, base.ui),
    tools: parts.tools,
    ...(vocabulary && { vocabulary }),
    ...(existsSync(knowledgeDir) && { knowledgeDir }),
    ...(parts.dialogue && { dialogue: parts.dialogue }),
  };
}
