/**
 * Fixed-size framing with same-length output: input chunks of any length are cut into
 * frames; the processed samples come back in chunks as long as the inputs. When a chunk
 * does not end on a frame boundary the output is primed with silence once, so the stage
 * adds at most one frame of latency (none when chunks are whole frames).
 */
export interface FrameFifo {
  /** Runs `processFrame` on every complete frame and returns `chunk.length` output samples. */
  push(chunk: Int16Array, processFrame: (frame: Int16Array, out: Int16Array) => void): Int16Array;
  /** Samples of silence inserted so far (the added latency). */
  readonly latencySamples: number;
  /** Input samples received but not yet processed (short of a whole frame). */
  readonly pendingSamples: number;
}

export function createFrameFifo(frameSize: number): FrameFifo {
  let pending: Int16Array = new Int16Array(0);
  let output: Int16Array = new Int16Array(0);
  let latencySamples = 0;
  const frameOut = new Int16Array(frameSize);

  return {
    push(chunk, processFrame) {
      const input = concat(pending, chunk);
      const frames = Math.floor(input.length / frameSize);
      const produced = new Int16Array(frames * frameSize);
      for (let f = 0; f < frames; f++) {
        processFrame(input.subarray(f * frameSize, (f + 1) * frameSize), frameOut);
        produced.set(frameOut, f * frameSize);
      }
      pending = input.slice(frames * frameSize);
      output = concat(output, produced);
      if (output.length < chunk.length) {
        const deficit = chunk.length - output.length;
        latencySamples += deficit;
        output = concat(new Int16Array(deficit), output);
      }
      const result = output.slice(0, chunk.length);
      output = output.slice(chunk.length);
      return result;
    },
    get latencySamples() {
      return latencySamples;
    },
    get pendingSamples() {
      return pending.length;
    },
  };
}

function concat(a: Int16Array, b: Int16Array): Int16Array {
  if (a.length === 0) return b.slice();
  const out = new Int16Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
