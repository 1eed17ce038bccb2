import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import * as tf from '@tensorflow/tfjs-core';
import { ConfigError } from '../../../../spec/errors.ts';
import { USE_LITE_DIMENSIONS, USE_LITE_PACKAGE, useLiteDirectory } from './locate.ts';
import { createTokenizer, type Tokenizer, type Vocabulary } from './tokenizer.ts';

export { USE_LITE_DIMENSIONS, USE_LITE_PACKAGE, useLiteDirectory } from './locate.ts';

export interface UseLiteModel {
  readonly graph: GraphModel;
  readonly tokenizer: Tokenizer;
}

interface WeightsManifest {
  readonly paths: readonly string[];
  readonly weights: readonly tf.io.WeightsManifestEntry[];
}

/** Reads model.json, its weight shards and the vocabulary from disk (no network, no URL fetch). */
async function readArtifacts(directory: string): Promise<{
  artifacts: tf.io.ModelArtifacts;
  vocabulary: Vocabulary;
}> {
  const model = JSON.parse(await readFile(join(directory, 'model.json'), 'utf8')) as {
    modelTopology: object;
    weightsManifest: readonly WeightsManifest[];
  };
  const specs = model.weightsManifest.flatMap((group) => group.weights);
  const shards = await Promise.all(
    model.weightsManifest.flatMap((group) =>
      group.paths.map((path) => readFile(join(directory, path))),
    ),
  );
  const weightData = Buffer.concat(shards);
  const vocabulary = JSON.parse(
    await readFile(join(directory, 'vocab.json'), 'utf8'),
  ) as Vocabulary;
  return {
    artifacts: {
      modelTopology: model.modelTopology,
      weightSpecs: specs,
      weightData: weightData.buffer.slice(
        weightData.byteOffset,
        weightData.byteOffset + weightData.byteLength,
      ),
    },
    vocabulary,
  };
}

/**
 * TensorFlow.js's WebAssembly backend (SIMD; its .wasm files ship inside the npm
 * package), ~4× faster than the pure-JavaScript CPU backend here (~35 vs ~500 ms
 * a query); the CPU backend when WebAssembly cannot start.
 */
async function useFastestBackend(): Promise<void> {
  // Production mode: no debug checks, and no advice to install the native backend on stderr.
  tf.env().set('PROD', true);
  if (tf.getBackend() === 'wasm') return;
  const require = createRequire(import.meta.url);
  const wasmDir = join(
    dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')),
    'dist',
  );
  setWasmPaths(`${wasmDir}/`);
  if (await tf.setBackend('wasm')) return;
  console.warn(
    'parley: TensorFlow.js WebAssembly backend unavailable; embedding on the slower CPU backend',
  );
  await tf.setBackend('cpu');
}

let shared: Promise<UseLiteModel> | undefined;

/**
 * The USE-lite graph on TensorFlow.js's CPU backend, loaded once per process
 * and shared by every session (the weights are ~28 MB). Rejects with a
 * ConfigError when the weights package is not installed.
 */
export function loadUseLite(): Promise<UseLiteModel> {
  shared ??= (async () => {
    const directory = useLiteDirectory();
    if (directory === undefined) {
      throw new ConfigError(`${USE_LITE_PACKAGE} is not installed (run npm run setup)`);
    }
    await useFastestBackend();
    const { artifacts, vocabulary } = await readArtifacts(directory);
    const graph = await loadGraphModel(tf.io.fromMemory(artifacts));
    return { graph, tokenizer: createTokenizer(vocabulary) };
  })();
  shared.catch(() => (shared = undefined));
  return shared;
}

/** Embeds texts in one batch: unit-length 512-d vectors (the graph ends in an L2 normalisation). */
export async function embedWithUseLite(
  model: UseLiteModel,
  texts: readonly string[],
): Promise<Float32Array[]> {
  if (texts.length === 0) return [];
  const indices: number[][] = [];
  const values: number[] = [];
  for (const [row, text] of texts.entries()) {
    const tokens = model.tokenizer.encode(text);
    // An empty text still needs one token so its row exists: the unknown id.
    for (const [column, id] of (tokens.length > 0 ? tokens : [0]).entries()) {
      indices.push([row, column]);
      values.push(id);
    }
  }
  const inputs = {
    indices: tf.tensor2d(indices, [indices.length, 2], 'int32'),
    values: tf.tensor1d(values, 'int32'),
  };
  // The graph has a dynamic op (Where), so it runs with executeAsync, outside tf.tidy.
  try {
    const output = (await model.graph.executeAsync(inputs)) as tf.Tensor;
    try {
      const flat = (await output.data()) as Float32Array;
      return texts.map((_, row) =>
        flat.slice(row * USE_LITE_DIMENSIONS, (row + 1) * USE_LITE_DIMENSIONS),
      );
    } finally {
      output.dispose();
    }
  } finally {
    inputs.indices.dispose();
    inputs.values.dispose();
  }
}
