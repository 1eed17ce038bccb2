import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SUPPORT_VOCABULARY } from '../../../agents/support/vocabulary.ts';
import { EchoUnavailableError } from '../../../audio/echo/errors.ts';
import { concatInt16 } from '../../../audio/pcm.ts';
import { loadSpeexDsp } from '../../../audio/echo/speex-ffi.ts';
import { Denoiser, type DenoiseOptions } from './denoise.ts';
import { createPocketsphinxStt } from './index.ts';
import { phrasesToJsgf } from './jsgf.ts';
import { CAFE_PHRASES, CAFE_SLOTS, IN_GRAMMAR } from './phrases.fixture.ts';
import {
  audioInputs,
  conversation,
  SAMPLE_RATE,
  synthesize,
  wordErrorRate,
} from './test-speech.ts';

const levelDb = (samples: Int16Array): number => {
  let sum = 0;
  for (const sample of samples) sum += sample * sample;
  return 10 * Math.log10(sum / samples.length);
};

function openDenoiser(
  suppressDb: number,
  minNoiseFloorDb?: number,
  more: Partial<DenoiseOptions> = {},
): Denoiser {
  const opened = Denoiser.open(SAMPLE_RATE, { suppressDb, minNoiseFloorDb, ...more });
  if (!('denoiser' in opened)) throw opened.unavailable;
  return opened.denoiser;
}

/** The clip through a denoiser in odd-sized chunks (frames are cut inside it), then closed. */
function denoiseAll(denoiser: Denoiser, clip: Int16Array): Int16Array {
  const out: Int16Array[] = [];
  try {
    for (let offset = 0; offset < clip.length; offset += 137) {
      out.push(denoiser.push(clip.subarray(offset, offset + 137)));
    }
    out.push(denoiser.flush());
  } finally {
    denoiser.close();
  }
  return concatInt16(out);
}

describe('speexdsp noise suppression in front of the recogniser', () => {
  it('lowers steady pink noise between words by more than 10 dB at -25 dB', async () => {
    // A word, then three seconds of pink noise alone (15 dB below the word).
    const clip = await synthesize('hello', { leadMs: 300, tailMs: 3000, snrDb: 15 });
    const denoised = denoiseAll(openDenoiser(-25), clip);
    assert.equal(denoised.length, clip.length);
    // The last two seconds are noise only; the estimate has settled by then.
    const tail = 2 * SAMPLE_RATE;
    const before = levelDb(clip.subarray(-tail));
    const after = levelDb(denoised.subarray(-tail));
    assert.ok(before - after > 10, `noise ${before.toFixed(1)} → ${after.toFixed(1)} dB`);
    assert.equal(Denoiser.liveCount, 0);
  });

  it('passes speech in a quiet room unchanged when suppression waits for a noise floor', async () => {
    const clip = await synthesize('i need a technician', { leadMs: 300, tailMs: 600 });
    const denoiser = openDenoiser(-25, -55);
    const out = denoiseAll(denoiser, clip);
    assert.equal(denoiser.suppressing, false);
    assert.deepEqual(out, clip);
  });

  it('passes 3 s of sound without a pause, after a quiet room, unchanged', () => {
    // 300 ms of digital silence, then a 3 s warble at about -23 dBFS with no quiet frame.
    const clip = new Int16Array(3.3 * SAMPLE_RATE);
    for (let i = 0.3 * SAMPLE_RATE; i < clip.length; i++) {
      const hz = 200 + 150 * Math.sin((2 * Math.PI * i) / SAMPLE_RATE);
      clip[i] = Math.round(3000 * Math.sin((2 * Math.PI * hz * i) / SAMPLE_RATE));
    }
    assert.deepEqual(denoiseAll(openDenoiser(-25, -55), clip), clip);
  });

  it('suppresses noise above the floor level it waits for', async () => {
    const clip = await synthesize('hello', { leadMs: 300, tailMs: 3000, snrDb: 15 });
    const denoised = denoiseAll(openDenoiser(-25, -55), clip);
    const tail = 2 * SAMPLE_RATE;
    const before = levelDb(clip.subarray(-tail));
    const after = levelDb(denoised.subarray(-tail));
    assert.ok(before > -55, `the noise is at ${before.toFixed(1)} dB`);
    assert.ok(before - after > 10, `noise ${before.toFixed(1)} → ${after.toFixed(1)} dB`);
  });

  it('keeps suppressing the room noise right after digital silence (the greeting, echo stage on)', async () => {
    // The room's noise, then 2.5 s of digital silence (the echo stage while the agent greets),
    // then the room again: the first request after the greeting is where suppression counts.
    const noisy = await synthesize('hello', { leadMs: 2500, tailMs: 0, snrDb: 15 });
    const room = noisy.subarray(0, 2 * SAMPLE_RATE);
    const clip = new Int16Array(room.length * 2 + 2.5 * SAMPLE_RATE);
    clip.set(room);
    clip.set(room, clip.length - room.length);
    const denoiser = openDenoiser(-15, -55);
    const denoised = denoiseAll(denoiser, clip);
    const silence = denoised.subarray(room.length, clip.length - room.length);
    assert.ok(silence.every((sample) => sample === 0));
    const after = (samples: Int16Array) =>
      samples.subarray(clip.length - room.length).subarray(0, SAMPLE_RATE / 2);
    const drop = levelDb(after(clip)) - levelDb(after(denoised));
    assert.ok(drop > 6, `the noise after the silence fell ${drop.toFixed(1)} dB`);
  });

  it('suppresses from 300 ms on when the stream opens on steady noise (warm start)', async () => {
    const clip = await synthesize('hello', { leadMs: 2000, tailMs: 300, snrDb: 15 });
    const warm = denoiseAll(openDenoiser(-25), clip);
    const quietEnd = 0.3 * SAMPLE_RATE;
    assert.deepEqual(warm.subarray(0, quietEnd), clip.subarray(0, quietEnd));
    // The next 0.7 s of noise: with the stretch replayed, speexdsp's estimate is already
    // that of seconds of noise; suppressing as early without it lowers the noise less.
    const cold = denoiseAll(openDenoiser(-25, undefined, { settleMs: 300, warmStart: null }), clip);
    const next = (samples: Int16Array) => samples.subarray(quietEnd, SAMPLE_RATE);
    const warmDrop = levelDb(next(clip)) - levelDb(next(warm));
    const coldDrop = levelDb(next(clip)) - levelDb(next(cold));
    assert.ok(warmDrop > 10, `warm: the noise fell ${warmDrop.toFixed(1)} dB`);
    assert.ok(
      warmDrop > coldDrop + 3,
      `warm ${warmDrop.toFixed(1)}, cold ${coldDrop.toFixed(1)} dB`,
    );
  });

  it('lets the first second through unchanged when speech comes at once', async () => {
    const clip = await synthesize('i need a technician', { leadMs: 0, tailMs: 1000, snrDb: 15 });
    const denoised = denoiseAll(openDenoiser(-25), clip);
    assert.deepEqual(denoised.subarray(0, SAMPLE_RATE), clip.subarray(0, SAMPLE_RATE));
    assert.notDeepEqual(denoised.subarray(SAMPLE_RATE), clip.subarray(SAMPLE_RATE));
  });

  it('hears no speech in the noise a stream opens on', async () => {
    // Without the settling second, speexdsp's near-silent first frame became the speech
    // gate's floor and the noise after it was heard as 1.3 s of speech ("thank").
    const clip = await synthesize('i need a technician', { leadMs: 2500, snrDb: 15 });
    const words: { word: string; startMs: number }[] = [];
    for await (const part of createPocketsphinxStt({ denoise: { suppressDb: -25 } }).stream({
      audio: audioInputs(clip),
      sampleRate: SAMPLE_RATE,
      vocabulary: SUPPORT_VOCABULARY,
      signal: new AbortController().signal,
    })) {
      if (part.type === 'final') words.push(...(part.words ?? []));
    }
    assert.ok(words.length > 0);
    const early = words.filter((word) => word.startMs < 2300);
    assert.deepEqual(early, [], JSON.stringify(words));
  });

  it('keeps a noisy request recognisable and frees its state when the stream ends', async () => {
    const text = 'i need a technician';
    const clip = await synthesize(text, { leadMs: 500, tailMs: 800, snrDb: 15 });
    const stt = createPocketsphinxStt({ denoise: { suppressDb: -25 } });
    const finals: string[] = [];
    for await (const part of stt.stream({
      audio: audioInputs(clip),
      sampleRate: SAMPLE_RATE,
      vocabulary: SUPPORT_VOCABULARY,
      signal: new AbortController().signal,
    })) {
      assert.notEqual(part.type, 'error', part.type === 'error' ? part.error.message : '');
      if (part.type === 'final' && part.text) finals.push(part.text);
    }
    const heard = finals.join(' ');
    // Heard here: "find a technician" (without suppression: digits from the noise, see noise.test.ts).
    assert.match(heard, /\ba technician$/);
    assert.ok(wordErrorRate(text, heard) <= 0.5, `heard "${heard}"`);
    assert.equal(Denoiser.liveCount, 0);
  });

  it('keeps the utterances of a noisy conversation apart, gating on the unsuppressed audio', async () => {
    // Gated on the suppressed audio, 20 café phrases 900 ms apart at 20 dB SNR came out as 16
    // utterances: the gate's floor followed the suppressed noise's quietest frames and the
    // residual between phrases stayed above its end threshold.
    const clip = await conversation(IN_GRAMMAR, { snrDb: 20 });
    const heard: string[] = [];
    for await (const part of createPocketsphinxStt({
      denoise: { suppressDb: -15, minNoiseFloorDb: -55 },
    }).stream({
      audio: audioInputs(clip),
      sampleRate: SAMPLE_RATE,
      vocabulary: { grammar: phrasesToJsgf(CAFE_PHRASES, { slots: CAFE_SLOTS }) },
      signal: new AbortController().signal,
    })) {
      if (part.type === 'final' && part.text) heard.push(part.text);
    }
    assert.equal(heard.length, IN_GRAMMAR.length, heard.join(' | '));
  });

  it('reports speexdsp missing instead of throwing, so the stream can run without it', () => {
    const opened = Denoiser.open(SAMPLE_RATE, { suppressDb: -25 }, () =>
      loadSpeexDsp('libspeexdsp-missing.so.9'),
    );
    assert.ok('unavailable' in opened);
    assert.ok(opened.unavailable instanceof EchoUnavailableError);
    assert.match(opened.unavailable.message, /apt-get install libspeexdsp1/);
    assert.equal(Denoiser.liveCount, 0);
  });

  it('frees its state when the stream is aborted mid-utterance', async () => {
    const clip = await synthesize('i need a technician', { snrDb: 15 });
    const controller = new AbortController();
    const stt = createPocketsphinxStt({ denoise: { suppressDb: -25 } });
    let parts = 0;
    for await (const part of stt.stream({
      audio: audioInputs(clip),
      sampleRate: SAMPLE_RATE,
      vocabulary: SUPPORT_VOCABULARY,
      signal: controller.signal,
    })) {
      if (part.type === 'interim' && ++parts === 1) controller.abort();
    }
    assert.equal(parts, 1);
    assert.equal(Denoiser.liveCount, 0);
  });
});
