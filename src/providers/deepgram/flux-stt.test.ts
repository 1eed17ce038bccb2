import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConfigError } from '../../spec/errors.ts';
import type { SttInput } from '../../spec/stt.ts';
import { collectParts } from '../../testing/conformance/helpers.ts';
import { describeSttConformance } from '../../testing/conformance/stt.ts';
import type { TestWsServer } from '../resilience/test-ws-server.ts';
import { createDeepgramFluxStt, type DeepgramFluxSttOptions } from './flux-stt.ts';
import { startFluxTestServer } from './flux-test-server.ts';
import { codedAudio } from './stt-test-server.ts';

let server: TestWsServer;
before(async () => (server = await startFluxTestServer()));
after(() => server.close());

const flux = (extra: Partial<DeepgramFluxSttOptions> = {}) =>
  createDeepgramFluxStt({
    apiKey: 'test-key',
    baseUrl: server.url,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    ...extra,
  });
async function* inputs(items: readonly SttInput[]): AsyncGenerator<SttInput> {
  for (const item of items) yield await Promise.resolve(item);
}
const run = (model: ReturnType<typeof flux>, items: readonly SttInput[], language?: string) =>
  collectParts(
    model.stream({
      audio: inputs(items),
      sampleRate: 16_000,
      ...(language ? { language } : {}),
      signal: new AbortController().signal,
    }),
  );

describeSttConformance('deepgram flux', () => flux(), {
  audio: () => codedAudio([1, 2, 0, 3]),
  sampleRate: 16_000,
  expectText: /^one two three$/,
  makeFailingModel: () => flux({ model: 'nova-3' }),
  openResources: () => server.openSockets(),
});

describe('deepgram flux', () => {
  it('carries the model end of turn on the final as an extra signal', async () => {
    const parts = await run(flux(), codedAudio([1, 2, 0]));
    assert.deepEqual(parts, [
      { type: 'interim', text: 'one' },
      { type: 'interim', text: 'one two' },
      { type: 'final', text: 'one two', endOfTurn: { confidence: 0.85 } },
    ]);
  });

  it('marks an eager end of turn on an interim when enabled', async () => {
    const parts = await run(flux({ eagerEotThreshold: 0.5 }), codedAudio([1, 0]));
    assert.deepEqual(parts.at(-2), {
      type: 'interim',
      text: 'one',
      endOfTurn: { confidence: 0.6, eager: true },
    });
  });

  it('ends a turn on finalize with ForceEndTurn', async () => {
    const parts = await run(flux(), [
      ...codedAudio([4]),
      { type: 'finalize' },
      ...codedAudio([5, 0]),
    ]);
    assert.deepEqual(
      parts.flatMap((p) => (p.type === 'final' ? [p.text] : [])),
      ['four', 'five'],
    );
  });

  it('reports a language Flux does not speak as a ConfigError part', async () => {
    const [part] = await run(flux(), codedAudio([1, 0]), 'es-ES');
    assert.ok(part?.type === 'error' && part.error instanceof ConfigError);
  });
});

describe('strict Flux fake', () => {
  it('refuses an eot_threshold out of range', async () => {
    const [part] = await run(flux({ eotThreshold: 0.2 }), codedAudio([1, 0]));
    assert.ok(part?.type === 'error' && /eot_threshold/.test(part.error.message));
  });

  it('refuses a model that is not Flux', async () => {
    const [part] = await run(flux({ model: 'nova-3' }), codedAudio([1, 0]));
    assert.ok(part?.type === 'error' && /Invalid model/.test(part.error.message));
  });
});
