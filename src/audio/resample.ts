import { clampInt16 } from './pcm.ts';
import { sharedPolyphaseFilter } from './sinc-filter.ts';

/**
 * Band-limited sample-rate conversion (Kaiser-windowed sinc, polyphase).
 * When downsampling, the filter cuts at ~92% of the new Nyquist frequency,
 * so content above it is removed instead of folding back as aliases.
 * Output length is ceil(inputLength * toRate / fromRate). The signal is
 * delayed by nothing: output sample n sits at input time n * fromRate / toRate.
 */
export interface Resampler {
  /** Adds input and returns every output sample that can be computed so far. */
  push(chunk: Int16Array): Int16Array;
  /** Ends the stream (treating what follows as silence), returns the tail, and starts over. */
  flush(): Int16Array;
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

function checkRate(name: string, rate: number): void {
  if (!Number.isInteger(rate) || rate <= 0) {
    throw new RangeError(`${name} must be a positive integer, got ${rate}`);
  }
}

export function createResampler(fromRate: number, toRate: number): Resampler {
  checkRate('fromRate', fromRate);
  checkRate('toRate', toRate);
  if (fromRate === toRate)
    return { push: (chunk) => chunk.slice(), flush: () => new Int16Array(0) };

  const divisor = gcd(fromRate, toRate);
  const up = toRate / divisor;
  const down = fromRate / divisor;
  const filter = sharedPolyphaseFilter(up, down);
  const halfTaps = filter.halfTaps;

  // Input history: buffer[0] is absolute input index `bufferStart`; indices < 0 are silence.
  let buffer = new Float64Array(0);
  let bufferStart = 0;
  let bufferLength = 0;
  let inputCount = 0;
  let outputIndex = 0;
  reset();

  function reset(): void {
    buffer = new Float64Array(4 * halfTaps + 1024);
    bufferStart = -halfTaps;
    bufferLength = halfTaps;
    inputCount = 0;
    outputIndex = 0;
  }

  function append(samples: ArrayLike<number>): void {
    const needed = bufferLength + samples.length;
    if (needed > buffer.length) {
      const grown = new Float64Array(Math.max(needed, buffer.length * 2));
      grown.set(buffer.subarray(0, bufferLength));
      buffer = grown;
    }
    for (let i = 0; i < samples.length; i++) buffer[bufferLength + i] = samples[i]!;
    bufferLength += samples.length;
  }

  /** Computes outputs while the input they need is in the buffer and `limit(n)` allows. */
  function produce(available: number, outputLimit: number): Int16Array {
    const out: number[] = [];
    for (;;) {
      if (outputIndex >= outputLimit) break;
      const position = outputIndex * down;
      const integerPart = Math.floor(position / up);
      if (integerPart + halfTaps >= available) break;
      const taps = filter.phase(position - integerPart * up);
      const first = integerPart - halfTaps + 1 - bufferStart;
      let acc = 0;
      for (let j = 0; j < taps.length; j++) acc += taps[j]! * buffer[first + j]!;
      out.push(clampInt16(acc));
      outputIndex++;
    }
    compact();
    return Int16Array.from(out);
  }

  function compact(): void {
    const nextInteger = Math.floor((outputIndex * down) / up);
    const drop = nextInteger - halfTaps + 1 - bufferStart;
    if (drop <= 0) return;
    buffer.copyWithin(0, drop, bufferLength);
    bufferLength -= drop;
    bufferStart += drop;
  }

  return {
    push(chunk) {
      append(chunk);
      inputCount += chunk.length;
      return produce(inputCount, Number.POSITIVE_INFINITY);
    },
    flush() {
      append(new Float64Array(halfTaps + 1));
      const total = Math.ceil((inputCount * up) / down);
      const tail = produce(inputCount + halfTaps + 1, total);
      reset();
      return tail;
    },
  };
}

/** One-shot conversion; equal to pushing everything into a resampler and flushing. */
export function resample(samples: Int16Array, fromRate: number, toRate: number): Int16Array {
  const resampler = createResampler(fromRate, toRate);
  const head = resampler.push(samples);
  const tail = resampler.flush();
  const out = new Int16Array(head.length + tail.length);
  out.set(head);
  out.set(tail, head.length);
  return out;
}
