import { existsSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AgentDefinition } from '../spec/agent.ts';
import type { DialogueScript } from '../spec/dialogue.ts';
import { ConfigError } from '../spec/errors.ts';
import type { AnyToolDefinition } from '../spec/tool.ts';
import { parsePromptFile } from './prompt-file.ts';

/** Where compiled `tools.ts` files go, inside the agent's folder (so its imports resolve). */
const CACHE_DIR = '.parley';
/** This package's entry (index.js when built, index.ts under tsx). */
let compileCount = 0;
const SELF_URL = new URL(`../index${extname(import.meta.url)}`, import.meta.url).href;

/**
 * Loads an agent written as files in its own folder — the form a user writes in their own
 * project, and the form Parley's shipped agents take:
 *
 * - `prompt.md` — front matter (name, language, voice per provider, greeting, input mode,
 *   turn-taking knobs) and the system prompt;
 * - `tools.ts` (or `tools.js`) — `export default [ … ]` (or `export const tools`) of tool
 *   definitions, each with JSON-schema `parameters` and an `execute(args, context)` that gets
 *   the caller identity and an AbortSignal; compiled with esbuild, no TypeScript loader needed;
 * - optional: `knowledge/` (retrieval), `dialogue.json` (the offline engine's script).
 *
 * Each call reads the files again (for `parley dev`'s reload).
 */
export async function loadAgentFromFiles(dir: string): Promise<AgentDefinition> {
  const folder = resolve(dir);
  const promptPath = join(folder, 'prompt.md');
  if (!existsSync(promptPath)) throw new ConfigError(`${folder} has no prompt.md`);
  const base = parsePromptFile(await readFile(promptPath, 'utf8'), basename(folder));
  const tools = await loadTools(folder);
  const knowledgeDir = join(folder, 'knowledge');
  const dialoguePath = join(folder, 'dialogue.json');
  return {
    ...base,
    tools,
    ...(existsSync(knowledgeDir) && { knowledgeDir }),
    ...(existsSync(dialoguePath) && {
      dialogue: JSON.parse(await readFile(dialoguePath, 'utf8')) as DialogueScript,
    }),
  };
}

async function loadTools(folder: string): Promise<AnyToolDefinition[]> {
  const ts = join(folder, 'tools.ts');
  const js = join(folder, 'tools.js');
  let url: string;
  let compiled: string | undefined;
  if (existsSync(ts)) {
    const out = join(folder, CACHE_DIR, `tools-${process.pid}-${Date.now()}-${++compileCount}.mjs`);
    await mkdir(join(folder, CACHE_DIR), { recursive: true });
    const { build } = await import('esbuild');
    await build({
      entryPoints: [ts],
      outfile: out,
      bundle: true,
      packages: 'external',
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'silent',
      // `import … from 'parley'` means the Parley that loads the agent, wherever the folder is.
      plugins: [
        {
          name: 'parley-self',
          setup(context) {
            context.onResolve({ filter: /^parley$/ }, () => ({ path: SELF_URL, external: true }));
          },
        },
      ],
    }).catch((error: unknown) => {
      throw new ConfigError(
        `${ts} does not compile: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    });
    compiled = out;
    url = pathToFileURL(out).href;
  } else if (existsSync(js)) {
    url = `${pathToFileURL(js).href}?t=${Date.now()}`;
  } else {
    return [];
  }
  let module: { default?: unknown; tools?: unknown };
  try {
    module = (await import(url)) as typeof module;
  } catch (error) {
    throw new ConfigError(`${folder}/tools: could not load it`, { cause: error });
  } finally {
    if (compiled) await rm(compiled, { force: true });
  }
  const tools = module.default ?? module.tools ?? [];
  if (!Array.isArray(tools))
    throw new ConfigError(`${folder}/tools: export an array of tools (default or \`tools\`)`);
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
export async function loadAgentsFromDir(dir: string): Promise<AgentDefinition[]> {
  const folder = resolve(dir);
  if (existsSync(join(folder, 'prompt.md'))) return [await loadAgentFromFiles(folder)];
  const { readdir } = await import('node:fs/promises');
  const entries = await readdir(folder, { withFileTypes: true });
  const agents: AgentDefinition[] = [];
  for (const entry of entries) {
    if (entry.isDirectory() && existsSync(join(folder, entry.name, 'prompt.md'))) {
      agents.push(await loadAgentFromFiles(join(folder, entry.name)));
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
