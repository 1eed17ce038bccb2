import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeAlaw, encodeAlaw } from './alaw.ts';
import { sine } from './test-signals.ts';

describe('alaw', () => {
  it('encodes silence as 0xD5 and the extremes as 0xAA and 0x2A', () => {
    assert.deepEqual(Array.from(encodeAlaw(Int16Array.of(0, 32767, -32768))), [0xd5, 0xaa, 0x2a]);
  });

  it('decodes the standard G.711 table values', () => {
    assert.deepEqual(
      Array.from(decodeAlaw(Uint8Array.of(0xd5, 0x55, 0xaa, 0x2a))),
      [8, -8, 32256, -32256],
    );
  });

  it('round-trips every byte value through decode and encode', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    const again = encodeAlaw(decodeAlaw(bytes));
    for (let i = 0; i < 256; i++) assert.equal(again[i], i, `code ${i}`);
  });

  it('keeps a speech-level tone within a few percent after a round trip', () => {
    const tone = sine(440, 8000, 800, 0.3);
    const decoded = decodeAlaw(encodeAlaw(tone));
    for (let i = 0; i < tone.length; i++) {
      const error = Math.abs(decoded[i]! - tone[i]!);
      assert.ok(error <= Math.max(64, Math.abs(tone[i]!) * 0.07), `sample ${i}: error ${error}`);
    }
  });
});
