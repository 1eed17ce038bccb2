/** A 16-bit PCM stereo WAV: `left` and `right` interleaved (the shorter padded with silence). */
export function encodeStereoWav(
  left: Int16Array,
  right: Int16Array,
  sampleRate: number,
): Uint8Array {
  const frames = Math.max(left.length, right.length);
  const dataBytes = frames * 4;
  const bytes = new Uint8Array(44 + dataBytes);
  const view = new DataView(bytes.buffer);
  const ascii = (at: number, text: string) => {
    for (let i = 0; i < text.length; i += 1) view.setUint8(at + i, text.charCodeAt(i));
  };
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 2, true); // channels
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 4, true);
  view.setUint16(32, 4, true);
  view.setUint16(34, 16, true);
  ascii(36, 'data');
  view.setUint32(40, dataBytes, true);
  for (let i = 0; i < frames; i += 1) {
    view.setInt16(44 + i * 4, left[i] ?? 0, true);
    view.setInt16(46 + i * 4, right[i] ?? 0, true);
  }
  return bytes;
}

/** Splits a stereo 16-bit WAV made by encodeStereoWav back into its channels. */
export function decodeStereoWav(bytes: Uint8Array): {
  readonly sampleRate: number;
  readonly left: Int16Array;
  readonly right: Int16Array;
} {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sampleRate = view.getUint32(24, true);
  const frames = view.getUint32(40, true) / 4;
  const left = new Int16Array(frames);
  const right = new Int16Array(frames);
  for (let i = 0; i < frames; i += 1) {
    left[i] = view.getInt16(44 + i * 4, true);
    right[i] = view.getInt16(46 + i * 4, true);
  }
  return { sampleRate, left, right };
}
