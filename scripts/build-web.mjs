// Bundles the browser client (web/src) into web/dist with esbuild and copies the pages.
import { build } from 'esbuild';
import { copyFile, mkdir, readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const webDir = join(root, 'web');
const outDir = join(webDir, 'dist');

await mkdir(outDir, { recursive: true });
await build({
  entryPoints: {
    app: join(webDir, 'src/app.ts'),
    picker: join(webDir, 'src/picker.ts'),
    'capture-worklet': join(webDir, 'src/worklets/capture-worklet.ts'),
    'playback-worklet': join(webDir, 'src/worklets/playback-worklet.ts'),
  },
  outdir: outDir,
  bundle: true,
  format: 'esm',
  target: 'es2022',
  sourcemap: true,
  logLevel: 'warning',
});
for (const name of await readdir(webDir)) {
  if (name.endsWith('.html') || name.endsWith('.css'))
    await copyFile(join(webDir, name), join(outDir, name));
}
console.log(`build-web: wrote ${outDir}`);
