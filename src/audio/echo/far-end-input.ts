import type { AudioChunk } from '../../spec/audio.ts';
import { createResampler, type Resampler } from '../resample.ts';
import type { FarEndTimeline } from './far-end-timeline.ts';

/**
 * The agent audio sent, resampled to the microphone rate and laid on the far-end timeline.
 *
 * A resampler holds back the last few input samples (its filter's half length: 16 samples,
 * 1 ms, from 24 to 16 kHz) until it sees what follows them. When the client's playback runs
 * dry mid-reply (a TTS falling behind), what follows is silence: the held samples belong right
 * after the audio before the gap, and the audio after it starts fresh where the client
 * resumes. Pushed straight through, the held samples came out in front of the new audio and
 * moved the rest of the reply 1 ms late against the echo, which undid the adaptive filter
 * (measured: echo share of echo alone from ≥ 0.5 to 0.00 for a reply whose second part came
 * 100 ms late).
 */
export interface FarEndInput {
  /**
   * One chunk sent at `nowPosition` (near-end samples received so far). `playbackSamples`:
   * how long after it was laid on the timeline the client plays a sample (the reference's
   * seat); the client has run dry only once all that was sent has played by that measure.
   */
  push(chunk: AudioChunk, nowPosition: number, playbackSamples?: number): FarEndPush;
  /** The agent stopped: drops what is held (it was never played). */
  clear(): void;
  /**
   * Samples sent but held by a resampler, not yet on the timeline: they follow its end, and a
   * client that has played all that was sent has played them too. At most 17 at the
   * microphone's rate from any agent rate down to it: the canceller reads its reference that
   * far back (speex-tuning.ts LEAST_FEED_SAMPLES), never where they are still missing.
   */
  readonly heldSamples: number;
}

export interface FarEndPush {
  /** The far end had been dry long enough for the timeline to start a new reply. */
  readonly newReply: boolean;
  /** The far end had run dry within the reply and resumes here (the client's playback gap). */
  readonly resumed: boolean;
}

interface RateInput {
  readonly resampler: Resampler;
  readonly fromRate: number;
  inputSamples: number;
  outputSamples: number;
}

export function createFarEndInput(timeline: FarEndTimeline, sampleRate: number): FarEndInput {
  const inputs = new Map<number, RateInput>();

  /** Output samples a resampler still owes for the input it has taken. */
  const held = (input: RateInput) =>
    Math.ceil((input.inputSamples * sampleRate) / input.fromRate) - input.outputSamples;

  function owedSamples(): number {
    let owed = 0;
    for (const each of inputs.values()) owed += held(each);
    return owed;
  }

  function flushTail(input: RateInput): void {
    const tail = input.resampler.flush();
    // Right after the audio before it: no gap.
    timeline.write(tail, timeline.end);
    input.inputSamples = 0;
    input.outputSamples = 0;
  }

  return {
    push(chunk, nowPosition, playbackSamples = 0) {
      let input = inputs.get(chunk.sampleRate);
      if (input === undefined) {
        input = {
          resampler: createResampler(chunk.sampleRate, sampleRate),
          fromRate: chunk.sampleRate,
          inputSamples: 0,
          outputSamples: 0,
        };
        inputs.set(chunk.sampleRate, input);
      }
      const owed = owedSamples();
      // A client that plays each reply `playbackSamples` after it was laid has not run dry
      // while the near end is less than that past what was sent: taken for dry there, the
      // rest of a reply was laid up to that much late against its echo, and the filter
      // learnt on the reply's seat removed nothing of it (a reply played 20-40 ms after it
      // was laid, its sender stalled by a loaded server: ERLE 30 -> 0 dB, echo read as a
      // person 1-1.4 s into 4 of 48 replies through the WebSocket).
      const dry =
        timeline.replySamples === 0 || timeline.end + owed + playbackSamples < nowPosition;
      if (dry) for (const each of inputs.values()) if (held(each) > 0) flushTail(each);
      const before = timeline.replySamples;
      const out = input.resampler.push(chunk.samples);
      input.inputSamples += chunk.samples.length;
      input.outputSamples += out.length;
      // Not dry: the chunk follows what was sent, even if the timeline's end (short of the
      // held samples) is a little behind `nowPosition`.
      timeline.write(out, dry ? nowPosition : Math.min(nowPosition, timeline.end));
      const newReply = out.length > 0 && timeline.replySamples === out.length;
      return { newReply, resumed: dry && !newReply && before > 0 };
    },
    clear() {
      for (const input of inputs.values()) {
        input.resampler.flush();
        input.inputSamples = 0;
        input.outputSamples = 0;
      }
    },
    get heldSamples() {
      return owedSamples();
    },
  };
}
