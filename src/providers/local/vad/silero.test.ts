import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { AudioFormatError } from '../../../spec/errors.ts';
import type { VadPart } from '../../../spec/vad.ts';
import { createSileroVad, preloadSileroVad } from './silero.ts';
import {
  addGaussian,
  addNoise,
  chunked,
  layOut,
  synthesize,
  type Layout,
} from './speech-fixture.ts';
import { detect, segments, worstErrors } from './vad-suite.ts';

const SENTENCES = [
  'The quick brown fox jumps over the lazy dog',
  'Please book me a table for two tonight',
  'I would like to check my account balance',
  'Can you help me find my order',
  'Turn the lights off in the kitchen',
];

describe('createSileroVad on real speech', () => {
  let flite: Layout;
  let espeak: Layout;
  before(async () => {
    flite = layOut(await Promise.all(SENTENCES.map((text) => synthesize(text, 'flite'))), 1000);
    espeak = layOut(
      await Promise.all(SENTENCES.map((text) => synthesize(text, 'espeak-ng'))),
      1000,
    );
  });

  it('finds each clean flite utterance once, start and end within 60 ms', async () => {
    const found = segments(await detect(createSileroVad(), flite.samples));
    assert.equal(found.length, SENTENCES.length);
    const worst = worstErrors(found, flite);
    assert.ok(worst.startMs <= 60 && worst.endMs <= 60, JSON.stringify(worst));
  });

  it('finds each clean espeak-ng utterance once, start and end within 60 ms', async () => {
    const found = segments(await detect(createSileroVad(), espeak.samples));
    assert.equal(found.length, SENTENCES.length);
    const worst = worstErrors(found, espeak);
    assert.ok(worst.startMs <= 60 && worst.endMs <= 60, JSON.stringify(worst));
  });

  it('finds each flite utterance in white noise at 10 dB SNR, start and end within 60 ms', async () => {
    const found = segments(await detect(createSileroVad(), addNoise(flite, 10)));
    assert.equal(found.length, SENTENCES.length);
    const worst = worstErrors(found, flite);
    assert.ok(worst.startMs <= 60 && worst.endMs <= 60, JSON.stringify(worst));
  });

  it('finds each espeak-ng utterance in white noise at 10 dB SNR, start and end within 60 ms', async () => {
    const found = segments(await detect(createSileroVad(), addNoise(espeak, 10, 2)));
    assert.equal(found.length, SENTENCES.length);
    const worst = worstErrors(found, espeak);
    assert.ok(worst.startMs <= 60 && worst.endMs <= 60, JSON.stringify(worst));
  });

  it('reports speechMs as the distance from its start to its end', async () => {
    const parts = await detect(createSileroVad(), espeak.samples);
    const found = segments(parts);
    const ends = parts.filter((part) => part.type === 'speech-end');
    ends.forEach((end, index) => {
      const segment = found[index];
      assert.ok(segment);
      assert.equal(end.speechMs, segment.endMs - segment.startMs);
    });
  });

  it('gives two concurrent streams their own state and the same answers as one alone', async () => {
    const vad = createSileroVad();
    const [first, second] = await Promise.all([
      detect(vad, espeak.samples),
      detect(vad, espeak.samples, 160),
    ]);
    assert.deepEqual(first, second);
    assert.equal(segments(first).length, SENTENCES.length);
  });
});

describe('createSileroVad without speech', () => {
  it('reports nothing for three seconds of digital silence', async () => {
    assert.deepEqual(await detect(createSileroVad(), new Int16Array(48_000)), []);
  });

  it('reports nothing for three seconds of white noise', async () => {
    const noise = addGaussian(new Int16Array(48_000), 1000, 7);
    assert.deepEqual(await detect(createSileroVad(), noise), []);
  });
});

describe('createSileroVad stream rules', () => {
  it('skips a chunk at another sample rate with an AudioFormatError part and keeps going', async () => {
    const audio = [
      { samples: new Int16Array(800), sampleRate: 8000 },
      { samples: new Int16Array(1600), sampleRate: 16_000 },
    ];
    const parts: VadPart[] = [];
    const signal = new AbortController().signal;
    const source = (async function* () {
      for (const chunk of audio) yield await Promise.resolve(chunk);
    })();
    for await (const part of createSileroVad().stream({ audio: source, signal })) parts.push(part);
    assert.equal(parts.length, 1);
    const [part] = parts;
    assert.ok(part?.type === 'error' && part.error instanceof AudioFormatError);
  });

  it('yields nothing more after abort', async () => {
    const utterance = await synthesize('Hello there, this is a test of abort', 'espeak-ng');
    const layout = layOut([utterance, utterance], 500);
    const controller = new AbortController();
    const parts: VadPart[] = [];
    const stream = createSileroVad().stream({
      audio: chunked(layout.samples, 512),
      signal: controller.signal,
    });
    for await (const part of stream) {
      parts.push(part);
      if (part.type === 'speech-start') controller.abort();
    }
    assert.deepEqual(
      parts.map((part) => part.type),
      ['speech-start'],
    );
  });

  it('preloads the shared model so a later stream starts without loading', async () => {
    await preloadSileroVad();
    assert.deepEqual(await detect(createSileroVad(), new Int16Array(1600)), []);
  });

  it('reports an unloadable model as a ProviderError part and ends', async () => {
    const vad = createSileroVad({ modelPath: '/nonexistent/silero.onnx' });
    const parts = await detect(vad, new Int16Array(1600));
    assert.equal(parts.length, 1);
    assert.ok(parts[0]?.type === 'error' && parts[0].error.code === 'provider');
  });
});
