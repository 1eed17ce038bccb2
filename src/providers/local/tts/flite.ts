import type { TtsModel, TtsStreamOptions } from '../../../spec/tts.ts';
import { OUTPUT_FILE } from './engine-output.ts';
import { fliteWordTimes } from './flite-words.ts';
import { runTts, type EngineCommand } from './run-tts.ts';

export const FLITE_VOICES = ['kal16', 'slt', 'awb', 'rms'] as const;
export type FliteVoice = (typeof FLITE_VOICES)[number];

export interface FliteTtsOptions {
  /** Default 'kal16' (the voice pocketsphinx recognises best). */
  readonly voice?: FliteVoice;
}

function isFliteVoice(value: string | undefined): value is FliteVoice {
  return FLITE_VOICES.some((voice) => voice === value);
}

export function fliteVoice(options: TtsStreamOptions, fallback: FliteVoice): FliteVoice {
  return isFliteVoice(options.voice) ? options.voice : fallback;
}

export function fliteCommand(
  text: string,
  options: TtsStreamOptions,
  fallback: FliteVoice,
): EngineCommand {
  const voice = fliteVoice(options, fallback);
  const stretch = 1 / (options.speakingRate ?? 1);
  return {
    command: 'flite',
    args: [
      '-voice',
      voice,
      '--setf',
      `duration_stretch=${stretch.toFixed(3)}`,
      '-psdur',
      '-t',
      text,
      '-o',
      OUTPUT_FILE,
    ],
    stdin: '',
    output: 'file',
  };
}

/**
 * flite in a child process, English only (a stream's `language` is ignored; an
 * unknown `voice` falls back to the factory's). flite writes a sentence's WAV
 * file once it is synthesised (~10–80 ms), 16 kHz, resampled here. Word timings are
 * flite's own: its timed phones (`-psdur`) grouped into words (flite-words.ts);
 * only when that fails for a segment are they estimated from the audio.
 */
export function createFliteTts(options: FliteTtsOptions = {}): TtsModel {
  const voice = options.voice ?? 'kal16';
  return {
    provider: 'local',
    model: `flite-${voice}`,
    capabilities: {
      streaming: true,
      // From flite's timed phones, exact to the phone (falls back to estimation, see flite-words.ts).
      wordTimings: true,
      sampleRates: [8000, 16_000, 22_050, 24_000, 44_100, 48_000],
      languages: ['en'],
    },
    stream: (streamOptions) =>
      runTts(streamOptions, {
        provider: 'local',
        commandFor: (text, current) => fliteCommand(text, current, voice),
        timeWords: (text, current, timedPhones, signal) =>
          fliteWordTimes(text, fliteVoice(current, voice), timedPhones, signal),
      }),
  };
}
