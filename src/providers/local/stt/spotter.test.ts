import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { SttVocabulary } from '../../../spec/stt.ts';
import { ClipMaker, noiseBed } from '../../../testing/speech/index.ts';
import { SphinxDecoder } from './decoder.ts';
import { createPocketsphinxStt, type HeardUtterance } from './index.ts';
import { audioInputs } from './test-speech.ts';

const RATE = 16_000;
const CACHE_DIR = join(tmpdir(), 'parley-spotter-test');
const signal = new AbortController().signal;
const maker = new ClipMaker(CACHE_DIR);

/** The scenarios' desk agent's phrases, with the turn-taking phrases the listening vocabulary adds. */
const VOCABULARY: SttVocabulary = {
  phrases: ['tell me about your plans', 'my order number is {digits}', '{digits}'],
  keywords: ['okay', 'yeah', 'right', 'sure', 'hold on a second'],
  turnTaking: ['okay', 'yeah', 'right', 'sure', 'hold on', 'hold on a second', 'wait', 'no'],
};

/** flite rms says `text` after 3 s of the scenarios' pink noise bed (15 dB under it), 1 s after. */
async function overNoise(text: string): Promise<Int16Array> {
  const said = (await maker.make({ voice: 'flite-rms', parts: [{ say: text }] }, signal)).samples;
  const out = new Int16Array(said.length + 4 * RATE);
  out.set(said, 3 * RATE);
  const bed = await noiseBed(CACHE_DIR, said, 15, signal);
  return out.map((sample, i) =>
    Math.max(
      -32768,
      Math.min(32767, Math.round(sample + bed.samples[i % bed.samples.length]! * bed.gain)),
    ),
  );
}

async function hear(samples: Int16Array): Promise<{ finals: string[]; heard: HeardUtterance[] }> {
  const heard: HeardUtterance[] = [];
  const stt = createPocketsphinxStt({ onUtterance: (u) => heard.push(u) });
  const finals: string[] = [];
  const audio = audioInputs(samples);
  for await (const part of stt.stream({
    audio,
    sampleRate: RATE,
    vocabulary: VOCABULARY,
    signal,
  })) {
    if (part.type === 'final' && part.text) finals.push(part.text);
    if (part.type === 'error') throw part.error;
  }
  return { finals, heard };
}

describe('spotting turn-taking phrases (real decoders, flite rms over pink noise)', () => {
  it('hears "right" over the noise as "right", and frees its three decoders', async () => {
    const before = SphinxDecoder.nativeCount;
    const { finals, heard } = await hear(await overNoise('right'));
    assert.deepEqual(
      finals,
      ['right'],
      JSON.stringify(
        heard.map((u) => [
          u.candidates,
          u.spots,
          u.unspotted.words,
          u.loudness.startMs,
          u.loudness.loud.map(Number).join(''),
        ]),
      ),
    );
    assert.ok(heard.some((u) => u.spots.some((spot) => spot.phrase === 'right')));
    await SphinxDecoder.allFreed();
    assert.equal(SphinxDecoder.nativeCount, before);
  });

  it('leaves an ordinary request holding "right" a request, not a backchannel', async () => {
    const { finals } = await hear(await overNoise('get me a manager right now'));
    const words = finals.join(' ').split(' ');
    assert.ok(words.length >= 3, `heard: ${finals.join(' | ')}`);
    assert.notDeepEqual(finals, ['right']);
  });
});
