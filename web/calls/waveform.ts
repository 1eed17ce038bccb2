/** Reads a 16-bit PCM stereo WAV (as the recorder writes it) into peak envelopes per channel. */
export function stereoPeaks(
  bytes: ArrayBuffer,
  columns: number,
): { left: Float32Array; right: Float32Array } {
  const view = new DataView(bytes);
  const frames = Math.max(0, (bytes.byteLength - 44) / 4);
  const left = new Float32Array(columns);
  const right = new Float32Array(columns);
  for (let i = 0; i < frames; i += 1) {
    const column = Math.min(columns - 1, Math.floor((i / frames) * columns));
    left[column] = Math.max(left[column]!, Math.abs(view.getInt16(44 + i * 4, true)) / 32768);
    right[column] = Math.max(right[column]!, Math.abs(view.getInt16(46 + i * 4, true)) / 32768);
  }
  return { left, right };
}

/** Draws caller (top, blue) and agent (bottom, green) envelopes, and the play head. */
export function drawWaveform(
  canvas: HTMLCanvasElement,
  peaks: { left: Float32Array; right: Float32Array },
  playedFraction: number,
): void {
  const context = canvas.getContext('2d');
  if (!context) return;
  const { width, height } = canvas;
  context.clearRect(0, 0, width, height);
  const half = height / 2;
  // Both lanes share one scale, normalised to the loudest column, so quiet calls still show.
  const loudest = Math.max(1e-6, ...peaks.left, ...peaks.right);
  const lane = (values: Float32Array, middle: number, color: string) => {
    context.fillStyle = color;
    for (let x = 0; x < values.length; x += 1) {
      const h = Math.max(1, (values[x]! / loudest) * (half - 6));
      context.fillRect(x, middle - h / 2, 1, h);
    }
  };
  lane(peaks.left, half / 2, '#60a5fa');
  lane(peaks.right, half + half / 2, '#4ade80');
  context.fillStyle = '#f8fafc';
  context.fillRect(Math.round(playedFraction * width), 0, 2, height);
}
