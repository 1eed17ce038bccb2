// Bundles the browser client (web/src) into web/dist with esbuild and copies the pages.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const webDir = join(root, 'web');
const outDir = join(webDir, 'dist');

// Each agent's own page: web/agents/<id>/{main.ts,index.html,style.css} → dist/agent-<id>.{js,html,css}.
const agentsDir = join(webDir, 'agents');
const agentIds = (existsSync(agentsDir) ? await readdir(agentsDir, { withFileTypes: true }) : [])
  .filter((entry) => entry.isDirectory() && entry.name !== 'shared')
  .map((entry) => entry.name);

await mkdir(outDir, { recursive: true });
await build({
  entryPoints: {
    ...Object.fromEntries(agentIds.map((id) => [`agent-${id}`, join(agentsDir, id, 'main.ts')])),
    app: join(webDir, 'src/app.ts'),
    picker: join(webDir, 'src/picker.ts'),
    calls: join(webDir, 'calls/main.ts'),
    'capture-worklet': join(webDir, 'src/worklets/capture-worklet.ts'),
    'playback-worklet': join(webDir, 'src/worklets/playback-worklet.ts'),
    // `parley/client` (the browser SDK) and the `<parley-call>` element for other sites.
    'parley-client': join(webDir, 'src/client/index.ts'),
    'parley-call': join(webDir, 'widget/parley-call.ts'),
  },
  outdir: outDir,
  bundle: true,
  format: 'esm',
  target: 'es2022',
  sourcemap: true,
  minify: true,
  logLevel: 'warning',
});
for (const name of await readdir(webDir)) {
  if (name.endsWith('.html') || name.endsWith('.css'))
    await copyFile(join(webDir, name), join(outDir, name));
}
for (const id of agentIds) {
  await copyFile(join(agentsDir, id, 'index.html'), join(outDir, `agent-${id}.html`));
  await copyFile(join(agentsDir, id, 'style.css'), join(outDir, `agent-${id}.css`));
}
// The call log (/calls): web/calls/{index.html,style.css} → dist/calls.{html,css}.
await copyFile(join(webDir, 'calls/index.html'), join(outDir, 'calls.html'));
await copyFile(join(webDir, 'calls/style.css'), join(outDir, 'calls.css'));
console.log(`build-web: wrote ${outDir}`);
