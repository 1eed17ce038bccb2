// `npm run build`: copies what the compiled code reads at run time besides JavaScript (the
// records' SQL migrations) from src/ into dist/, keeping their paths.
import { cpSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');
const ASSET = /\.sql$/;

function* assets(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* assets(path);
    else if (ASSET.test(entry.name)) yield path;
  }
}

let count = 0;
for (const source of assets(join(root, 'src'))) {
  const target = join(root, 'dist', relative(join(root, 'src'), source));
  cpSync(source, target, { recursive: false, force: true });
  count++;
}
console.log(`copy-assets: ${count} file(s) into dist/`);
