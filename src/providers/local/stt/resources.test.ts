import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SttInput, SttVocabulary } from '../../../spec/stt.ts';
import { SphinxDecoder } from './decoder.ts';
import { createPocketsphinxStt } from './index.ts';
import { audioInputs, SAMPLE_RATE, synthesize } from './test-speech.ts';

const stt = createPocketsphinxStt();
const vocabulary: SttVocabulary = { phrases: ['yes please', 'no thank you'] };

async function drain(audio: AsyncIterable<SttInput>, signal: AbortSignal): Promise<void> {
  const stream = stt.stream({ audio, sampleRate: SAMPLE_RATE, vocabulary, signal });
  for await (const part of stream) if (part.type === 'error') throw part.error;
}

describe('pocketsphinx STT resources', () => {
  it('frees every native decoder when streams end, abort or are left early', async () => {
    const samples = await synthesize('yes please');
    await drain(audioInputs(samples), new AbortController().signal);
    const aborted = new AbortController();
    setTimeout(() => aborted.abort(), 5);
    await drain(audioInputs(samples), aborted.signal);
    const left = stt.stream({
      audio: audioInputs(samples),
      sampleRate: SAMPLE_RATE,
      vocabulary,
      signal: new AbortController().signal,
    });
    for await (const part of left) if (part.type === 'interim') break;
    assert.equal(SphinxDecoder.liveCount, 0);
  });

  it('does not grow in memory over many streams', async () => {
    const samples = await synthesize('no thank you');
    const run = async (streams: number) => {
      for (let i = 0; i < streams; i++)
        await drain(audioInputs(samples), new AbortController().signal);
    };
    await run(4); // warm-up: allocator arenas fill once
    const before = process.memoryUsage().rss;
    await run(10);
    const grownMb = (process.memoryUsage().rss - before) / 1e6;
    // A leaked language-model decoder holds ~100 MB; ten would be ~1 GB.
    assert.ok(grownMb < 200, `rss grew ${grownMb.toFixed(0)} MB over 10 streams`);
    assert.equal(SphinxDecoder.liveCount, 0);
  });

  it('keeps the event loop responsive while decoding a long chunk', async () => {
    const samples = await synthesize(
      'i would like a large coffee and a small tea and two croissants and a glass of water please',
    );
    async function* oneBigChunk(): AsyncGenerator<SttInput> {
      await Promise.resolve();
      yield { type: 'audio', chunk: { samples, sampleRate: SAMPLE_RATE } };
    }
    let longestGapMs = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      longestGapMs = Math.max(longestGapMs, now - last);
      last = now;
    }, 5);
    try {
      await drain(oneBigChunk(), new AbortController().signal);
    } finally {
      clearInterval(ticker);
    }
    // Decoding runs in 50 ms slices of audio; a generous bound for a busy machine.
    assert.ok(longestGapMs < 400, `event loop blocked for ${longestGapMs.toFixed(0)} ms`);
  });
});
