import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ClosedError } from '../../../spec/errors.ts';
import type { SttInput, SttPart, SttVocabulary } from '../../../spec/stt.ts';
import { resolvePaths } from './config.ts';
import { SphinxDecoder } from './decoder.ts';
import { createPocketsphinxStt } from './index.ts';
import { audioInputs, conversation, SAMPLE_RATE, synthesize } from './test-speech.ts';

const stt = createPocketsphinxStt();
const vocabulary: SttVocabulary = {
  phrases: ['i would like a large coffee please', 'cancel my order', 'yes please'],
};

async function finals(audio: AsyncIterable<SttInput>, signal: AbortSignal): Promise<string[]> {
  const parts: SttPart[] = [];
  for await (const part of stt.stream({ audio, sampleRate: SAMPLE_RATE, vocabulary, signal })) {
    if (part.type === 'error') throw part.error;
    parts.push(part);
  }
  return parts.flatMap((part) => (part.type === 'final' && part.text ? [part.text] : []));
}

describe('pocketsphinx decoding on worker threads', () => {
  it('frees a closed decoder only after its queued call returns, and refuses calls after close', async () => {
    const decoder = await SphinxDecoder.open(resolvePaths({}), true);
    const before = SphinxDecoder.nativeCount;
    decoder.start();
    decoder.process(await synthesize('i would like a large coffee please'));
    const interim = decoder.interim(); // queued behind the audio: dropped by the close
    const closed = decoder.close();
    assert.equal(SphinxDecoder.nativeCount, before, 'freed while its call could still run');
    await closed;
    assert.equal(SphinxDecoder.nativeCount, before - 1);
    await assert.rejects(interim, ClosedError);
    await assert.rejects(decoder.finish(0, false), ClosedError);
  });

  it('adds two new pronunciations of one word as two alternates in one batch', async () => {
    const decoder = await SphinxDecoder.open(resolvePaths({}), false);
    try {
      await decoder.addWords([
        ['mhm', 'M HH M'],
        ['mhm', 'EH M EY CH EH M'],
      ]);
      const known = [decoder.lookup('mhm'), decoder.lookup('mhm(2)'), decoder.lookup('mhm(3)')];
      assert.deepEqual(
        known.map((phones) => phones?.trim()),
        ['AH M HH AH M', 'M HH M', 'EH M EY CH EH M'],
      );
    } finally {
      await decoder.close();
    }
  });

  it('survives streams aborted at any moment of an utterance, many at once', async () => {
    const samples = await conversation(['i would like a large coffee please', 'cancel my order']);
    let seed = 7;
    const nextDelayMs = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % 400;
    };
    const abortedStream = async () => {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), nextDelayMs());
      try {
        await finals(audioInputs(samples), controller.signal);
      } finally {
        clearTimeout(timer);
      }
    };
    for (let round = 0; round < 6; round++) {
      await Promise.all([abortedStream(), abortedStream(), abortedStream(), abortedStream()]);
    }
    await SphinxDecoder.allFreed();
    assert.equal(SphinxDecoder.liveCount, 0);
    assert.equal(SphinxDecoder.nativeCount, 0);
  });

  it('hears the same in a stream decoding beside others as in one decoding alone', async () => {
    const texts = ['i would like a large coffee please', 'cancel my order', 'yes please'];
    const samples = await conversation(texts);
    const alone = await finals(audioInputs(samples), new AbortController().signal);
    const together = await Promise.all(
      [0, 1, 2].map(() => finals(audioInputs(samples), new AbortController().signal)),
    );
    assert.deepEqual(alone, texts);
    for (const heard of together) assert.deepEqual(heard, alone);
    await SphinxDecoder.allFreed();
    assert.equal(SphinxDecoder.nativeCount, 0);
  });
});
