import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProviderError } from '../../spec/errors.ts';
import type { LlmModel, LlmPart } from '../../spec/llm.ts';
import type { SttInput, SttModel, SttPart } from '../../spec/stt.ts';
import type { TtsModel, TtsPart } from '../../spec/tts.ts';
import { collectParts } from '../../testing/conformance/helpers.ts';
import type { FallbackInfo } from './fallback.ts';
import { createFallbackLlm, createFallbackStt, createFallbackTts } from './fallback-models.ts';

const failure = (message: string) =>
  new ProviderError(message, { provider: 'x', retryable: true, cause: new Error(message) });

function scriptedLlm(name: string, parts: readonly LlmPart[], calls: string[] = []): LlmModel {
  return {
    provider: name,
    model: 'm',
    capabilities: { streaming: true, toolCalls: true },
    async *stream() {
      calls.push(name);
      for (const part of parts) yield await Promise.resolve(part);
    },
  };
}

const signal = () => new AbortController().signal;
const hello = [{ role: 'user' as const, content: 'hi' }];

describe('createFallbackLlm', () => {
  it('moves to the backup when the primary fails before any output, and reports it', async () => {
    const events: FallbackInfo[] = [];
    const llm = createFallbackLlm(
      [
        scriptedLlm('primary', [{ type: 'error', error: failure('down') }]),
        scriptedLlm('backup', [
          { type: 'text-delta', text: 'ok' },
          { type: 'finish', reason: 'stop' },
        ]),
      ],
      { onFallback: (info) => events.push(info) },
    );
    const parts = await collectParts(llm.stream({ messages: hello, signal: signal() }));
    assert.deepEqual(parts, [
      { type: 'text-delta', text: 'ok' },
      { type: 'finish', reason: 'stop' },
    ]);
    assert.equal(events.length, 1);
    assert.deepEqual(
      [events[0]?.stage, events[0]?.from, events[0]?.to],
      ['llm', 'primary/m', 'backup/m'],
    );
    assert.match(events[0]?.error.message ?? '', /down/);
  });

  it('passes an error after the first output through instead of falling back', async () => {
    const calls: string[] = [];
    const llm = createFallbackLlm([
      scriptedLlm(
        'primary',
        [
          { type: 'text-delta', text: 'Hel' },
          { type: 'error', error: failure('cut') },
        ],
        calls,
      ),
      scriptedLlm('backup', [{ type: 'finish', reason: 'stop' }], calls),
    ]);
    const parts = await collectParts(llm.stream({ messages: hello, signal: signal() }));
    assert.deepEqual(
      parts.map((part) => part.type),
      ['text-delta', 'error'],
    );
    assert.deepEqual(calls, ['primary']);
  });

  it('reports the last model’s error when every model fails', async () => {
    const llm = createFallbackLlm([
      scriptedLlm('a', [{ type: 'error', error: failure('a down') }]),
      scriptedLlm('b', [{ type: 'error', error: failure('b down') }]),
    ]);
    const parts = await collectParts(llm.stream({ messages: hello, signal: signal() }));
    assert.equal(parts.length, 1);
    assert.ok(parts[0]?.type === 'error' && /b down/.test(parts[0].error.message));
  });

  it('turns a model that throws into a fallback too', async () => {
    const throwing: LlmModel = {
      ...scriptedLlm('thrower', []),
      // eslint-disable-next-line require-yield
      async *stream() {
        await Promise.resolve();
        throw new Error('socket hang up');
      },
    };
    const llm = createFallbackLlm([
      throwing,
      scriptedLlm('backup', [{ type: 'finish', reason: 'stop' }]),
    ]);
    assert.deepEqual(await collectParts(llm.stream({ messages: hello, signal: signal() })), [
      { type: 'finish', reason: 'stop' },
    ]);
  });
});

describe('createFallbackStt', () => {
  it('declares the slowest interim period of its models, and none when one does not say', () => {
    const sttWith = (interimEveryMs?: number): SttModel => ({
      provider: 'p',
      model: 'm',
      capabilities: {
        streaming: true,
        interimResults: true,
        wordTimings: false,
        languages: ['*'],
        ...(interimEveryMs === undefined ? {} : { interimEveryMs }),
      },
      async *stream() {
        yield await Promise.resolve({ type: 'final', text: '' } satisfies SttPart);
      },
    });
    assert.equal(createFallbackStt([sttWith(80), sttWith(250)]).capabilities.interimEveryMs, 250);
    assert.equal(
      createFallbackStt([sttWith(80), sttWith()]).capabilities.interimEveryMs,
      undefined,
    );
  });

  it('replays the audio the primary consumed to the backup', async () => {
    const heard: number[] = [];
    const failing: SttModel = {
      provider: 'primary',
      model: 'm',
      capabilities: { streaming: true, interimResults: true, wordTimings: false, languages: ['*'] },
      async *stream({ audio }) {
        let count = 0;
        for await (const _ of audio) if (++count === 2) break;
        yield { type: 'error', error: failure('dropped') } satisfies SttPart;
      },
    };
    const backup: SttModel = {
      ...failing,
      provider: 'backup',
      async *stream({ audio }) {
        for await (const input of audio)
          if (input.type === 'audio') heard.push(input.chunk.samples[0] ?? -1);
        yield { type: 'final', text: `heard ${heard.length}` } satisfies SttPart;
      },
    };
    async function* audio(): AsyncGenerator<SttInput> {
      for (let i = 0; i < 4; i++)
        yield await Promise.resolve({
          type: 'audio',
          chunk: { samples: new Int16Array([i]), sampleRate: 16_000 },
        } as const);
    }
    const stt = createFallbackStt([failing, backup]);
    const parts = await collectParts(
      stt.stream({ audio: audio(), sampleRate: 16_000, signal: signal() }),
    );
    assert.deepEqual(parts, [{ type: 'final', text: 'heard 4' }]);
    assert.deepEqual(heard, [0, 1, 2, 3]);
  });
});

describe('createFallbackTts', () => {
  it('resends the text to the backup when the primary fails before any audio', async () => {
    const failing: TtsModel = {
      provider: 'primary',
      model: 'm',
      capabilities: {
        streaming: true,
        wordTimings: false,
        sampleRates: [16_000],
        languages: ['*'],
      },
      async *stream({ text }) {
        for await (const _ of text) break;
        yield { type: 'error', error: failure('quota') } satisfies TtsPart;
      },
    };
    const backup: TtsModel = {
      ...failing,
      provider: 'backup',
      async *stream({ text, sampleRate }) {
        for await (const chunk of text) {
          yield {
            type: 'audio',
            chunk: { samples: new Int16Array(10), sampleRate },
          } satisfies TtsPart;
          yield { type: 'segment-end', text: chunk } satisfies TtsPart;
        }
      },
    };
    async function* text(): AsyncGenerator<string> {
      yield* ['One.', 'Two.'];
      await Promise.resolve();
    }
    const tts = createFallbackTts([failing, backup]);
    const parts = await collectParts(
      tts.stream({ text: text(), sampleRate: 16_000, signal: signal() }),
    );
    assert.deepEqual(
      parts.flatMap((part) => (part.type === 'segment-end' ? [part.text] : [])),
      ['One.', 'Two.'],
    );
  });
});
