import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { concatInt16 } from '../../../audio/pcm.ts';
import { Denoiser } from './denoise.ts';
import { GatedFrames, type GatedFrame } from './gated-frames.ts';
import { SAMPLE_RATE, synthesize } from './test-speech.ts';

const FRAME = SAMPLE_RATE / 100;

/** The clip through gated frames in odd-sized chunks, then flushed. */
function frameAll(frames: GatedFrames, clip: Int16Array, chunk: number): GatedFrame[] {
  const out: GatedFrame[] = [];
  for (let offset = 0; offset < clip.length; offset += chunk) {
    out.push(...frames.push(clip.subarray(offset, offset + chunk)));
  }
  const held = frames.flush();
  return [...out, ...held.frames, held.rest];
}

function openDenoiser(): Denoiser {
  const opened = Denoiser.open(SAMPLE_RATE, { suppressDb: -25, settleMs: 0 });
  if (!('denoiser' in opened)) throw opened.unavailable;
  return opened.denoiser;
}

describe('gated frames: the gate hears the audio as it came, the decoders hear it suppressed', () => {
  it('pairs every raw frame with its own suppressed frame, in order, whatever the chunk size', async () => {
    const clip = await synthesize('hello there', { leadMs: 1500, tailMs: 333, snrDb: 15 });
    const reference = openDenoiser();
    const expected = concatInt16([reference.push(clip), reference.flush()]);
    reference.close();
    const denoiser = openDenoiser();
    const frames = frameAll(new GatedFrames(FRAME, denoiser), clip, 137);
    denoiser.close();
    assert.deepEqual(concatInt16(frames.map((frame) => frame.gate)), clip);
    assert.deepEqual(concatInt16(frames.map((frame) => frame.decode)), expected);
    for (const frame of frames) assert.equal(frame.gate.length, frame.decode.length);
    assert.ok(frames.slice(0, -1).every((frame) => frame.gate.length === FRAME));
    // Suppression changed what the decoders hear, not what the gate judges.
    assert.notDeepEqual(expected, clip);
  });

  it('hands the decoders the same frames the gate judges when there is no denoiser', () => {
    const clip = Int16Array.from({ length: 1000 }, (_, index) => (index * 37) % 2000);
    const frames = frameAll(new GatedFrames(FRAME, undefined), clip, 250);
    assert.equal(frames.length, 7);
    for (const frame of frames) assert.equal(frame.gate, frame.decode);
    assert.deepEqual(concatInt16(frames.map((frame) => frame.gate)), clip);
    assert.equal(frames.at(-1)?.gate.length, 40);
  });
});
