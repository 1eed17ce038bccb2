import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { AgentDefinition } from '../spec/agent.ts';
import type { DialogueScript } from '../spec/dialogue.ts';
import { ConfigError } from '../spec/errors.ts';
import type { AnyToolDefinition } from '../spec/tool.ts';
import { importAgentModule } from './compile-module.ts';
import { composeAgent } from './compose.ts';
import { dialogueFrom, vocabularyFrom } from './extras.ts';
import type { AgentSetup } from './setup.ts';

/** The deployment an agent is loaded into; `agentDir` is always the agent's own folder. */
export type LoadOptions = Partial<Omit<AgentSetup, 'agentDir'>>;

/**
 * Loads an agent written as files in its own folder — the form a user writes in their own
 * project, and the form Parley's shipped agents take (src/agents/support, cafe, technician):
 *
 * - `prompt.md` — front matter (name, language, voice per provider, greeting, input mode,
 *   turn-taking knobs) and the system prompt;
 * - `tools.ts` (or `tools.js`) — `export default [ … ]` (or `export const tools`) of tool
 *   definitions, each with JSON-schema `parameters` and an `execute(args, context)` that gets
 *   the caller identity and an AbortSignal; or `export default defineTools((setup) => [ … ])`
 *   for tools that need `setup.dataDir` or `setup.agentDir`; compiled with esbuild;
 * - optional: `ui/` (a page or a theme, see ui-folder.ts), `knowledge/` (retrieval), the
 *   offline engine's script as `dialogue.json` or `dialogue.ts`, and `vocabulary.ts`
 *   (phrases and pronunciations for the offline recogniser).
 *
 * Each call reads the files again (for `parley dev`'s reload). `options.dataDir` defaults to
 * `<folder>/.parley/data`.
 */
export async function loadAgentFromFiles(
  dir: string,
  options: LoadOptions = {},
): Promise<AgentDefinition> {
  const folder = resolve(dir);
  const promptPath = join(folder, 'prompt.md');
  if (!existsSync(promptPath)) throw new ConfigError(`${folder} has no prompt.md`);
  const promptText = await readFile(promptPath, 'utf8');
  const setup: AgentSetup = {
    agentDir: folder,
    dataDir: options.dataDir ?? join(folder, '.parley', 'data'),
    log: options.log ?? ((line) => console.error(line)),
  };
  const tools = await loadTools(folder, setup);
  const vocabularyModule = await importAgentModule(folder, 'vocabulary');
  const dialogue = await loadDialogue(folder);
  return composeAgent(folder, promptText, {
    tools,
    ...(dialogue && { dialogue }),
    ...(vocabularyModule && {
      vocabulary: vocabularyFrom(vocabularyModule, join(folder, 'vocabulary')),
    }),
  });
}

async function loadDialogue(folder: string): Promise<DialogueScript | undefined> {
  const json = join(folder, 'dialogue.json');
  const module = await importAgentModule(folder, 'dialogue');
  if (module && existsSync(json))
    throw new ConfigError(`${folder}: dialogue.json and dialogue.ts both exist; keep one`);
  if (module) return dialogueFrom(module, join(folder, 'dialogue'));
  if (!existsSync(json)) return undefined;
  try {
    return JSON.parse(await readFile(json, 'utf8')) as DialogueScript;
  } catch (error) {
    throw new ConfigError(`${json} is not valid JSON`, { cause: error });
  }
}

async function loadTools(folder: string, setup: AgentSetup): Promise<AnyToolDefinition[]> {
  const module = await importAgentModule(folder, 'tools');
  if (!module) return [];
  const exported = module['default'] ?? module['tools'] ?? [];
  const tools: unknown =
    typeof exported === 'function'
      ? await (exported as (setup: AgentSetup) => unknown)(setup)
      : exported;
  if (!Array.isArray(tools))
    throw new ConfigError(
      `${folder}/tools: export an array of tools (default or \`tools\`), or defineTools(setup => [ … ])`,
    );
  for (const tool of tools as Partial<AnyToolDefinition>[]) {
    if (
      typeof tool.name !== 'string' ||
      typeof tool.execute !== 'function' ||
      typeof tool.parameters !== 'object'
    ) {
      throw new ConfigError(`${folder}/tools: each tool needs a name, parameters and execute()`);
    }
  }
  return tools as AnyToolDefinition[];
}

/** The agents under `dir`: the folder itself when it holds a prompt.md, else each sub-folder that does. */
export async function loadAgentsFromDir(
  dir: string,
  options: LoadOptions = {},
): Promise<AgentDefinition[]> {
  const folder = resolve(dir);
  if (existsSync(join(folder, 'prompt.md'))) return [await loadAgentFromFiles(folder, options)];
  const entries = await readdir(folder, { withFileTypes: true });
  const agents: AgentDefinition[] = [];
  for (const entry of entries) {
    if (entry.isDirectory() && existsSync(join(folder, entry.name, 'prompt.md'))) {
      agents.push(await loadAgentFromFiles(join(folder, entry.name), options));
    }
  }
  if (agents.length === 0)
    throw new ConfigError(`no agent (a folder with prompt.md) under ${folder}`);
  return agents;
}

/** A tool with its argument type checked by TypeScript: `export default [defineTool({ … })]`. */
export function defineTool<Args, Result = unknown>(
  tool: import('../spec/tool.ts').ToolDefinition<Args, Result>,
): import('../spec/tool.ts').ToolDefinition<Args, Result> {
  return tool;
}
