import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SttInput, SttModel, SttPart } from '../../spec/stt.ts';
import {
  abortAfter,
  assertParleyErrorWithCause,
  collectParts,
  SETTLE_MS,
  waitForZero,
  withinMs,
  neverYields,
} from './helpers.ts';

export interface SttConformanceOptions {
  /** Fresh input for one stream: audio the model can transcribe, usually ending in `finalize`. */
  readonly audio: () => readonly SttInput[] | AsyncIterable<SttInput>;
  readonly sampleRate: number;
  /** What the finals, joined with spaces, should match. */
  readonly expectText?: RegExp;
  readonly makeFailingModel?: () => SttModel | Promise<SttModel>;
  /** Open connections/processes held by the model; must fall to zero after abort. */
  readonly openResources?: () => number | Promise<number>;
}

async function* toStream(
  input: readonly SttInput[] | AsyncIterable<SttInput>,
): AsyncGenerator<SttInput> {
  for await (const item of input) yield item;
}

/** The STT stage's contract, as node:test cases. Call at the top level of a test file. */
export function describeSttConformance(
  name: string,
  makeModel: () => SttModel | Promise<SttModel>,
  options: SttConformanceOptions,
): void {
  const { sampleRate } = options;
  const open = (model: SttModel, signal: AbortSignal): AsyncIterable<SttPart> =>
    model.stream({ audio: toStream(options.audio()), sampleRate, signal });

  describe(`${name}: STT conformance`, () => {
    it('describes itself with a provider, a model and capabilities', async () => {
      const model = await makeModel();
      assert.ok(model.provider.length > 0 && model.model.length > 0);
      assert.equal(typeof model.capabilities.interimResults, 'boolean');
    });

    it('streams transcripts that include a final and no error', async () => {
      const model = await makeModel();
      const parts = await collectParts(open(model, new AbortController().signal));
      assert.ok(!parts.some((part) => part.type === 'error'), JSON.stringify(parts.at(-1)));
      const finals = parts.filter((part) => part.type === 'final');
      assert.ok(finals.length > 0, 'expected a final');
      for (const final of finals) assert.ok(final.text.trim().length > 0, 'empty final');
      if (!model.capabilities.interimResults) {
        assert.ok(!parts.some((part) => part.type === 'interim'));
      }
      if (options.expectText) {
        assert.match(finals.map((final) => final.text).join(' '), options.expectText);
      }
    });

    it('gives word times that are ordered and within each word', async () => {
      const model = await makeModel();
      const parts = await collectParts(open(model, new AbortController().signal));
      for (const part of parts) {
        if (part.type === 'error') continue;
        let previousStartMs = 0;
        for (const word of part.words ?? []) {
          assert.ok(word.startMs >= previousStartMs && word.endMs >= word.startMs, word.word);
          previousStartMs = word.startMs;
        }
      }
    });

    it('yields nothing when the signal is already aborted', async () => {
      const model = await makeModel();
      const controller = new AbortController();
      controller.abort();
      assert.deepEqual(await collectParts(open(model, controller.signal)), []);
    });

    it('yields nothing more after an abort at the first transcript', async () => {
      const model = await makeModel();
      const { before, after } = await abortAfter(
        (signal) => open(model, signal),
        () => true,
      );
      assert.equal(before.length, 1);
      assert.deepEqual(after, []);
      if (options.openResources) await waitForZero(options.openResources, 'resources after abort');
    });

    it('ends when aborted while waiting for audio', async () => {
      const model = await makeModel();
      const controller = new AbortController();
      const done = collectParts(
        model.stream({
          audio: neverYields<SttInput>(controller.signal),
          sampleRate,
          signal: controller.signal,
        }),
      );
      setTimeout(() => controller.abort(), 50);
      const parts = await withinMs(done, SETTLE_MS, 'stream did not end after abort');
      assert.ok(!parts.some((part) => part.type === 'error'));
      if (options.openResources) await waitForZero(options.openResources, 'resources after abort');
    });

    if (options.makeFailingModel) {
      const makeFailing = options.makeFailingModel;
      it('reports a failure as one last error part holding a ParleyError with a cause', async () => {
        const model = await makeFailing();
        const parts = await collectParts(open(model, new AbortController().signal));
        const last = parts.at(-1);
        assert.equal(last?.type, 'error');
        assertParleyErrorWithCause(last.error);
        assert.equal(parts.filter((part) => part.type === 'error').length, 1);
      });
    }
  });
}
