import {
  DEFAULT_SEAT_REFINE,
  emptyGathered,
  estimateShift,
  gather,
  refineWindow,
  type Gathered,
  type RefineWindow,
  type SeatRefineOptions,
} from './seat-refine.ts';

/** The runner: one measurement at a time, started when a reply is seated anew. */
export interface SeatRefiner {
  /** Measures the coming frames against `impulse`, the path the filter learnt so far. */
  start(impulse: Int32Array): void;
  /** Drops a measurement under way (the filter restarted, or the feed delay moved). */
  stop(): void;
  /**
   * Every 10 ms frame: the near end, the far end fed with it, and a reader of the far end as fed
   * from `backSamples` before the frame's first sample. Returns the shift once measured (then
   * stops), undefined until then or when the measurement found nothing.
   */
  addFrame(
    near: Int16Array,
    farFed: Int16Array,
    readFar: (backSamples: number, out: Int16Array) => void,
  ): number | undefined;
}

/**
 * speexdsp's DC notch on the near end (mdf.c, `filter_dc_notch16`; radius .982 at 16 kHz, .9
 * below 12 kHz): the filter learns the path to the notched microphone, so the near end is
 * notched the same way before it is compared with that path. Compared unnotched, every
 * estimate came out 0.4 samples late (replies reported to the µs), and seats refined reply
 * after reply drifted by that much each time.
 */
function createDcNotch(sampleRate: number): (near: Int16Array, out: Float64Array) => void {
  const radius = sampleRate < 12_000 ? 0.9 : sampleRate < 24_000 ? 0.982 : 0.992;
  const den2 = radius * radius + 0.7 * (1 - radius) * (1 - radius);
  let mem0 = 0;
  let mem1 = 0;
  return (near, out) => {
    for (let i = 0; i < near.length; i++) {
      const vin = near[i]!;
      const vout = mem0 + vin;
      mem0 = mem1 + 2 * (-vin + radius * vout);
      mem1 = vin - den2 * vout;
      out[i] = radius * vout;
    }
  };
}

export function createSeatRefiner(
  sampleRate: number,
  options: SeatRefineOptions = DEFAULT_SEAT_REFINE,
): SeatRefiner {
  const notch = createDcNotch(sampleRate);
  let notched = new Float64Array(0);
  let impulse: Int32Array | undefined;
  let window: RefineWindow | undefined;
  let gathered: Gathered | undefined;
  let far = new Int16Array(0);
  let frames = 0;
  const activePower = 10 ** (options.farActiveDb / 10) * 32768 * 32768;
  return {
    start(learnt) {
      impulse = learnt;
      window = refineWindow(learnt, options);
      gathered = emptyGathered(window);
      frames = 0;
    },
    stop() {
      impulse = undefined;
      window = undefined;
    },
    addFrame(near, farFed, readFar) {
      // Every frame, measuring or not: the notch's state follows the microphone.
      if (notched.length !== near.length) notched = new Float64Array(near.length);
      notch(near, notched);
      if (impulse === undefined || window === undefined || gathered === undefined) return undefined;
      let power = 0;
      for (const sample of farFed) power += sample * sample;
      if (power / Math.max(1, farFed.length) < activePower) return undefined;
      const length = near.length + window.lagCount - 1;
      if (far.length !== length) far = new Int16Array(length);
      readFar(window.fromLag + window.lagCount - 1, far);
      gather(gathered, notched, far, window);
      if (++frames < options.frames) return undefined;
      const shift = estimateShift(impulse, gathered, window, options);
      impulse = undefined;
      window = undefined;
      return shift;
    },
  };
}
