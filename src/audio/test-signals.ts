/** Signal generators shared by the audio tests. */
export function sine(
  frequencyHz: number,
  sampleRate: number,
  count: number,
  amplitude = 0.5,
): Int16Array {
  const out = new Int16Array(count);
  for (let i = 0; i < count; i++) {
    out[i] = Math.round(amplitude * 32767 * Math.sin((2 * Math.PI * frequencyHz * i) / sampleRate));
  }
  return out;
}

export function noise(count: number, seed = 1): Int16Array {
  let state = seed;
  const out = new Int16Array(count);
  for (let i = 0; i < count; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    out[i] = (state % 20000) - 10000;
  }
  return out;
}
