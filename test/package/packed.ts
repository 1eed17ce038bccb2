import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

export const run = promisify(execFile);
export const root = join(import.meta.dirname, '../..');

export const npm = (args: string[], cwd: string) =>
  run('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd,
    maxBuffer: 64 * 1024 * 1024,
  });

/** Builds the package (dist/ and web/dist) and packs it into `destination`: the tarball and its file list. */
export async function packParley(
  destination: string,
): Promise<{ tarball: string; files: string[] }> {
  await npm(['run', 'build'], root);
  const { stdout } = await npm(
    ['pack', '--json', '--ignore-scripts', '--pack-destination', destination],
    root,
  );
  const [info] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
  assert.ok(info);
  return { tarball: join(destination, info.filename), files: info.files.map((file) => file.path) };
}
