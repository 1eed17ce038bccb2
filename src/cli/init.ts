import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { ConfigError } from '../spec/errors.ts';
import { scaffoldFiles } from './templates.ts';

const ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

/**
 * `parley init [dir]`: writes a new agent (prompt.md, tools.ts, ui/theme.css, package.json,
 * tsconfig.json, agent.test.js) into `dir`, which must be missing or empty. Returns the files written.
 */
export async function initAgent(dir: string, packageRoot: string): Promise<string[]> {
  const folder = resolve(dir);
  const id = basename(folder)
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-');
  if (!ID.test(id))
    throw new ConfigError(
      `parley init: "${basename(folder)}" cannot name an agent (use a-z, 0-9, -)`,
    );
  if (existsSync(folder) && (await readdir(folder)).length > 0)
    throw new ConfigError(`parley init: ${folder} is not empty; choose a new folder`);
  const { version } = JSON.parse(await readFile(join(packageRoot, 'package.json'), 'utf8')) as {
    version: string;
  };
  await mkdir(folder, { recursive: true });
  const files = scaffoldFiles({ id, parleyVersion: version });
  for (const [name, text] of Object.entries(files)) {
    await mkdir(dirname(join(folder, name)), { recursive: true });
    await writeFile(join(folder, name), text);
  }
  return Object.keys(files);
}
