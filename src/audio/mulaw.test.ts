import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeMulaw, encodeMulaw } from './mulaw.ts';
import { sine } from './test-signals.ts';

describe('mulaw', () => {
  it('encodes silence as 0xFF and full positive scale as 0x80', () => {
    assert.deepEqual(Array.from(encodeMulaw(Int16Array.of(0, 32767, -32768))), [0xff, 0x80, 0x00]);
  });

  it('decodes the standard G.711 table values', () => {
    assert.deepEqual(
      Array.from(decodeMulaw(Uint8Array.of(0xff, 0x7f, 0x80, 0x00))),
      [0, 0, 32124, -32124],
    );
  });

  it('round-trips every byte value through decode and encode', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    const again = encodeMulaw(decodeMulaw(bytes));
    // 0x7F (negative zero) re-encodes as 0xFF (positive zero); every other code is stable.
    for (let i = 0; i < 256; i++) assert.equal(again[i], i === 0x7f ? 0xff : i, `code ${i}`);
  });

  it('keeps a speech-level tone within a few percent after a round trip', () => {
    const tone = sine(440, 8000, 800, 0.3);
    const decoded = decodeMulaw(encodeMulaw(tone));
    for (let i = 0; i < tone.length; i++) {
      const error = Math.abs(decoded[i]! - tone[i]!);
      assert.ok(
        error <= Math.max(16, Math.abs(tone[i]!) * 0.07),
        `sample ${i}: ${tone[i]} → ${decoded[i]}`,
      );
    }
  });
});
