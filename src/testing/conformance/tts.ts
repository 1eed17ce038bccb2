import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TtsModel, TtsPart } from '../../spec/tts.ts';
import {
  abortAfter,
  assertParleyErrorWithCause,
  collectParts,
  SETTLE_MS,
  waitForZero,
  withinMs,
  neverYields,
} from './helpers.ts';

export interface TtsConformanceOptions {
  /** Text chunks sent in order. Default two short sentences. */
  readonly texts?: readonly string[];
  /** Output rates to check. Default 16 000 and 24 000. */
  readonly sampleRates?: readonly number[];
  readonly makeFailingModel?: () => TtsModel | Promise<TtsModel>;
  /** Open connections/processes held by the model; must fall to zero after abort. */
  readonly openResources?: () => number | Promise<number>;
}

async function* fromArray(texts: readonly string[]): AsyncGenerator<string> {
  for (const text of texts) {
    await Promise.resolve();
    yield text;
  }
}

/** The TTS stage's contract, as node:test cases. Call at the top level of a test file. */
export function describeTtsConformance(
  name: string,
  makeModel: () => TtsModel | Promise<TtsModel>,
  options: TtsConformanceOptions = {},
): void {
  const texts = options.texts ?? ['Hello there.', 'How can I help?'];
  const sampleRates = options.sampleRates ?? [16_000, 24_000];
  const signal = () => new AbortController().signal;

  describe(`${name}: TTS conformance`, () => {
    for (const sampleRate of sampleRates) {
      it(`streams ${sampleRate} Hz audio with one segment-end per chunk, in order`, async () => {
        const model = await makeModel();
        const parts = await collectParts(
          model.stream({ text: fromArray(texts), sampleRate, signal: signal() }),
        );
        assert.ok(!parts.some((part) => part.type === 'error'));
        const audio = parts.filter((part) => part.type === 'audio');
        assert.ok(audio.length > 0, 'expected audio');
        for (const { chunk } of audio) {
          assert.equal(chunk.sampleRate, sampleRate);
          assert.ok(chunk.samples instanceof Int16Array);
        }
        const segments = parts.filter((part) => part.type === 'segment-end');
        assert.deepEqual(
          segments.map((part) => part.text),
          texts,
        );
        assert.equal(parts.at(-1)?.type, 'segment-end');
        assert.equal(parts[0]?.type === 'segment-end', false, 'audio before the first segment-end');
      });
    }

    it('gives word timings that are ordered and non-negative', async () => {
      const model = await makeModel();
      const parts = await collectParts(
        model.stream({ text: fromArray(texts), sampleRate: 16_000, signal: signal() }),
      );
      const words = parts.filter((part) => part.type === 'word');
      if (!model.capabilities.wordTimings) {
        assert.deepEqual(words, []);
        return;
      }
      assert.ok(words.length > 0, 'capabilities promise word timings');
      let previousStartMs = 0;
      for (const word of words) {
        assert.ok(word.startMs >= previousStartMs && word.endMs >= word.startMs, word.word);
        previousStartMs = word.startMs;
      }
    });

    it('yields nothing when the signal is already aborted', async () => {
      const model = await makeModel();
      const controller = new AbortController();
      controller.abort();
      const parts = await collectParts(
        model.stream({ text: fromArray(texts), sampleRate: 16_000, signal: controller.signal }),
      );
      assert.deepEqual(parts, []);
    });

    it('yields nothing more after an abort at the first audio', async () => {
      const model = await makeModel();
      const { before, after } = await abortAfter(
        (abortSignal) =>
          model.stream({ text: fromArray(texts), sampleRate: 16_000, signal: abortSignal }),
        (part: TtsPart) => part.type === 'audio',
      );
      assert.equal(before.at(-1)?.type, 'audio');
      assert.deepEqual(after, []);
      if (options.openResources) await waitForZero(options.openResources, 'resources after abort');
    });

    it('ends when aborted while waiting for text', async () => {
      const model = await makeModel();
      const controller = new AbortController();
      const done = collectParts(
        model.stream({
          text: neverYields<string>(controller.signal),
          sampleRate: 16_000,
          signal: controller.signal,
        }),
      );
      setTimeout(() => controller.abort(), 20);
      const parts = await withinMs(done, SETTLE_MS, 'stream did not end after abort');
      assert.ok(!parts.some((part) => part.type === 'error'));
    });

    if (options.makeFailingModel) {
      const makeFailing = options.makeFailingModel;
      it('reports a failure as one last error part holding a ParleyError with a cause', async () => {
        const model = await makeFailing();
        const parts = await collectParts(
          model.stream({ text: fromArray(texts), sampleRate: 16_000, signal: signal() }),
        );
        const last = parts.at(-1);
        assert.equal(last?.type, 'error');
        assertParleyErrorWithCause(last.error);
        assert.equal(parts.filter((part) => part.type === 'error').length, 1);
      });
    }
  });
}
