import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Plugin } from 'esbuild';
import { ConfigError } from '../spec/errors.ts';

/** Where compiled `.ts` files go, inside the agent's folder (so its imports resolve). */
const CACHE_DIR = '.parley';
/** This package's entry (index.js when built, index.ts under tsx), and the folder it is in. */
const SELF_URL = new URL(`../index${extname(import.meta.url)}`, import.meta.url).href;
const SELF_DIR = dirname(fileURLToPath(SELF_URL));
let compileCount = 0;

/** An agent file's module: `<name>.ts` compiled with esbuild, else `<name>.js`; undefined when neither exists. */
export async function importAgentModule(
  folder: string,
  name: string,
): Promise<Readonly<Record<string, unknown>> | undefined> {
  const ts = join(folder, `${name}.ts`);
  const js = join(folder, `${name}.js`);
  let url: string;
  let compiled: string | undefined;
  if (existsSync(ts)) {
    compiled = join(
      folder,
      CACHE_DIR,
      `${name}-${process.pid}-${Date.now()}-${++compileCount}.mjs`,
    );
    await mkdir(join(folder, CACHE_DIR), { recursive: true });
    await compile(ts, compiled, folder);
    url = pathToFileURL(compiled).href;
  } else if (existsSync(js)) {
    url = `${pathToFileURL(js).href}?t=${Date.now()}`;
  } else {
    return undefined;
  }
  try {
    return (await import(url)) as Record<string, unknown>;
  } catch (error) {
    throw new ConfigError(`${folder}/${name}: could not load it`, { cause: error });
  } finally {
    if (compiled) await rm(compiled, { force: true });
  }
}

async function compile(entry: string, outfile: string, folder: string): Promise<void> {
  const { build } = await import('esbuild');
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'silent',
    plugins: [parleySelf(resolve(folder))],
  }).catch((error: unknown) => {
    throw new ConfigError(
      `${entry} does not compile: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  });
}

/**
 * `import … from 'parley'` means the Parley that loads the agent, wherever the folder is; so
 * does a relative import of one of Parley's own modules (the shipped agents' `tools.ts`):
 * they are loaded, not bundled, so error classes and stores are the running Parley's.
 */
function parleySelf(folder: string): Plugin {
  return {
    name: 'parley-self',
    setup(context) {
      context.onResolve({ filter: /^parley$/ }, () => ({ path: SELF_URL, external: true }));
      context.onResolve({ filter: /^\.\.?\// }, (args) => {
        const full = resolve(args.resolveDir, args.path);
        const inParley = full.startsWith(SELF_DIR + sep);
        const inAgent = full.startsWith(folder + sep);
        return inParley && !inAgent
          ? { path: pathToFileURL(full).href, external: true }
          : undefined;
      });
    },
  };
}
