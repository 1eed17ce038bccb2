import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AudioFormatError, ConfigError, ProviderError } from '../../../spec/errors.ts';
import type { SttInput, SttPart, SttVocabulary } from '../../../spec/stt.ts';
import { createPocketsphinxStt, phrasesToJsgf } from './index.ts';
import { CAFE_PHRASES, CAFE_SLOTS, IN_GRAMMAR } from './phrases.fixture.ts';
import {
  audioInputs,
  conversation,
  SAMPLE_RATE,
  synthesize,
  wordErrorRate,
} from './test-speech.ts';

const stt = createPocketsphinxStt();
const cafe: SttVocabulary = { grammar: phrasesToJsgf(CAFE_PHRASES, { slots: CAFE_SLOTS }) };

async function collect(
  audio: AsyncIterable<SttInput>,
  options: { vocabulary?: SttVocabulary; sampleRate?: number; signal?: AbortSignal } = {},
): Promise<SttPart[]> {
  const parts: SttPart[] = [];
  const stream = stt.stream({
    audio,
    sampleRate: options.sampleRate ?? SAMPLE_RATE,
    vocabulary: options.vocabulary,
    signal: options.signal ?? new AbortController().signal,
  });
  for await (const part of stream) parts.push(part);
  return parts;
}

const finalTexts = (parts: readonly SttPart[]): string[] =>
  parts.flatMap((part) => (part.type === 'final' && part.text ? [part.text] : []));

describe('pocketsphinx STT stream', () => {
  it('sends interim parts before the final of an utterance', async () => {
    const parts = await collect(
      audioInputs(await synthesize('i would like a large coffee please')),
    );
    const types = parts.map((part) => part.type);
    assert.ok(types.indexOf('interim') >= 0, `no interim in ${types.join(',')}`);
    assert.ok(types.indexOf('interim') < types.indexOf('final'));
    const heard = finalTexts(parts).join(' ');
    assert.ok(wordErrorRate('i would like a large coffee please', heard) <= 0.2, heard);
  });

  for (const [condition, speech] of [
    ['clean flite speech', {}],
    ['flite speech at 20 dB SNR', { snrDb: 20 }],
    ['espeak-ng speech at 20 dB SNR', { engine: 'espeak', snrDb: 20 }],
  ] as const) {
    it(`gets at least 90% of café phrases exactly right with a grammar (${condition})`, async () => {
      const parts = await collect(audioInputs(await conversation(IN_GRAMMAR, speech)), {
        vocabulary: cafe,
      });
      const heard = finalTexts(parts);
      assert.equal(heard.length, IN_GRAMMAR.length, `utterances: ${heard.join(' | ')}`);
      const exact = IN_GRAMMAR.filter((text, i) => heard[i] === text).length;
      assert.ok(
        exact >= 0.9 * IN_GRAMMAR.length,
        `${exact}/${IN_GRAMMAR.length}: ${heard.join(' | ')}`,
      );
    });
  }

  it('falls back to the open vocabulary for speech outside the grammar', async () => {
    const text = 'where is the nearest train station';
    const parts = await collect(audioInputs(await synthesize(text)), { vocabulary: cafe });
    const heard = finalTexts(parts).join(' ');
    assert.ok(wordErrorRate(text, heard) <= 0.3, `heard "${heard}"`);
  });

  it('finalises at once when asked, without waiting for silence', async () => {
    const samples = await synthesize('cancel my order', { tailMs: 0 });
    let releaseInput: () => void = () => undefined;
    const inputHeld = new Promise<void>((resolve) => (releaseInput = resolve));
    async function* audio(): AsyncGenerator<SttInput> {
      yield* audioInputs(samples, { finalize: true });
      await inputHeld; // no more audio and no end of input until the final is seen
    }
    const stream = stt.stream({
      audio: audio(),
      sampleRate: SAMPLE_RATE,
      vocabulary: cafe,
      signal: new AbortController().signal,
    });
    let final: SttPart | undefined;
    for await (const part of stream) {
      if (part.type !== 'final') continue;
      final = part;
      releaseInput();
    }
    assert.deepEqual(final?.type === 'final' ? final.text : undefined, 'cancel my order');
  });

  it('answers a finalize with an empty final when no speech is pending', async () => {
    const parts = await collect(audioInputs(new Int16Array(SAMPLE_RATE / 2), { finalize: true }));
    assert.deepEqual(parts, [{ type: 'final', text: '' }]);
  });

  it('reports word timings in order and inside the audio', async () => {
    const samples = await synthesize('my phone number is five five five one two three four');
    const parts = await collect(audioInputs(samples), { vocabulary: cafe });
    const final = parts.find((part) => part.type === 'final');
    assert.ok(final?.type === 'final' && final.words);
    const audioMs = (samples.length / SAMPLE_RATE) * 1000;
    assert.equal(final.words.map((w) => w.word).join(' '), final.text);
    let previousEndMs = 0;
    for (const word of final.words) {
      assert.ok(word.startMs >= previousEndMs && word.endMs > word.startMs, JSON.stringify(word));
      previousEndMs = word.endMs;
    }
    assert.ok((final.words[0]?.startMs ?? 0) >= 250, 'speech starts after the 300 ms lead');
    assert.ok(previousEndMs <= audioMs);
  });

  it('ends quietly on abort, even while the input is still open', async () => {
    const controller = new AbortController();
    const samples = await synthesize('i would like a medium hot chocolate please');
    async function* endless(): AsyncGenerator<SttInput> {
      yield* audioInputs(samples.subarray(0, samples.length / 2));
      await new Promise(() => undefined); // the microphone stays open
    }
    const parts: SttPart[] = [];
    for await (const part of stt.stream({
      audio: endless(),
      sampleRate: SAMPLE_RATE,
      signal: controller.signal,
    })) {
      parts.push(part);
      if (part.type === 'interim') controller.abort();
    }
    assert.deepEqual(
      parts.map((part) => part.type),
      ['interim'],
    );
  });

  it('yields an AudioFormatError part for a stream at the wrong sample rate', async () => {
    const parts = await collect(audioInputs(new Int16Array(8000), { sampleRate: 8000 }), {
      sampleRate: 8000,
    });
    assert.equal(parts.length, 1);
    assert.ok(parts[0]?.type === 'error' && parts[0].error instanceof AudioFormatError);
  });

  it('reports a chunk at the wrong sample rate and keeps listening', async () => {
    async function* audio(): AsyncGenerator<SttInput> {
      yield { type: 'audio', chunk: { samples: new Int16Array(441), sampleRate: 44_100 } };
      yield* audioInputs(await synthesize('yes please'));
    }
    const parts = await collect(audio(), { vocabulary: cafe });
    assert.ok(parts[0]?.type === 'error' && parts[0].error instanceof AudioFormatError);
    assert.deepEqual(finalTexts(parts), ['yes please']);
  });
});

describe('pocketsphinx STT vocabulary', () => {
  it('recognises words added with their pronunciations', async () => {
    const vocabulary: SttVocabulary = {
      phrases: ['un cafecito por favor', 'la cuenta por favor', 'gracias'],
      pronunciations: {
        un: 'UW N',
        cafecito: 'K AE F EY S IY T OW',
        por: 'P AO R',
        favor: 'F AH V AO R',
        la: 'L AA',
        cuenta: 'K W EH N T AH',
        gracias: 'G R AA S IY AH S',
      },
    };
    const parts = await collect(audioInputs(await synthesize('un cafecito por favor')), {
      vocabulary,
    });
    assert.deepEqual(finalTexts(parts), ['un cafecito por favor']);
  });

  it('reports words without a pronunciation and drops their phrases', async () => {
    const vocabulary: SttVocabulary = { phrases: ['yes please', 'zzyzx road'] };
    const parts = await collect(audioInputs(await synthesize('yes please')), { vocabulary });
    const error = parts.find((part) => part.type === 'error');
    assert.ok(error?.type === 'error' && error.error instanceof ConfigError);
    assert.match(error.error.message, /zzyzx/);
    assert.deepEqual(finalTexts(parts), ['yes please']);
  });
});

describe('pocketsphinx STT grammar problems', () => {
  it('falls back to the open vocabulary with an error part when the grammar does not compile', async () => {
    const vocabulary: SttVocabulary = {
      grammar: '#JSGF V1.0;\ngrammar broken;\npublic <a> = ( yes ;\n',
    };
    const parts = await collect(audioInputs(await synthesize('yes please')), { vocabulary });
    assert.ok(parts[0]?.type === 'error' && parts[0].error instanceof ProviderError);
    assert.deepEqual(finalTexts(parts), ['yes please']);
  });
});
