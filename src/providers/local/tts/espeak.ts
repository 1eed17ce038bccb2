import { ConfigError } from '../../../spec/errors.ts';
import type { TtsModel, TtsStreamOptions } from '../../../spec/tts.ts';
import { runTts, type TtsRunConfig, type EngineCommand } from './run-tts.ts';
import { withWarmSessions } from './warm-engine.ts';

export interface EspeakTtsOptions {
  /** An espeak-ng voice or language: 'en-us' (default), 'en-gb', 'es', 'fr' … */
  readonly voice?: string;
  /** Speaking speed at speakingRate 1. Default 175 (espeak-ng's own default). */
  readonly wordsPerMinute?: number;
}

const VOICE_NAME = /^[a-z0-9_+-]{1,40}$/i;
const MIN_WPM = 80;
const MAX_WPM = 450;

/** espeak-ng voice for a stream: its `voice`, else its `language`, else the factory's voice. */
export function espeakVoice(options: TtsStreamOptions, fallback: string): string {
  const voice = (options.voice ?? options.language ?? fallback).toLowerCase();
  if (!VOICE_NAME.test(voice)) throw new ConfigError(`not an espeak-ng voice name: ${voice}`);
  return voice;
}

export function espeakCommand(
  text: string,
  options: TtsStreamOptions,
  voice: string,
  wpm: number,
): EngineCommand {
  const speed = Math.round(Math.min(MAX_WPM, Math.max(MIN_WPM, wpm * (options.speakingRate ?? 1))));
  return {
    command: 'espeak-ng',
    args: [
      '--stdout',
      '--stdin',
      '-b',
      '1',
      '-v',
      espeakVoice(options, voice),
      '-s',
      String(speed),
    ],
    stdin: text,
    output: 'stdout',
  };
}

/**
 * espeak-ng in a child process (GPL code stays out of this process); its WAV
 * stdout is streamed as it is produced (22.05 kHz, resampled). Word timings are
 * estimated from the audio (see word-align.ts), not reported by the engine.
 */
export function createEspeakTts(options: EspeakTtsOptions = {}): TtsModel {
  const voice = options.voice ?? 'en-us';
  const wpm = options.wordsPerMinute ?? 175;
  if (!VOICE_NAME.test(voice)) throw new ConfigError(`not an espeak-ng voice name: ${voice}`);
  if (!(wpm >= MIN_WPM && wpm <= MAX_WPM))
    throw new ConfigError(`wordsPerMinute must be ${MIN_WPM}–${MAX_WPM}`);
  const run: TtsRunConfig = {
    provider: 'local',
    commandFor: (text, current) => espeakCommand(text, current, voice, wpm),
  };
  const model: TtsModel = {
    provider: 'local',
    model: 'espeak-ng',
    capabilities: {
      streaming: true,
      // Estimated from the audio: starts off by median ~50 ms, p90 ~130 ms (word-align.ts).
      wordTimings: true,
      sampleRates: [8000, 16_000, 22_050, 24_000, 44_100, 48_000],
      languages: ['en', 'es', 'fr', 'de', 'it', 'pt', 'nl', 'pl', 'ru', 'zh', 'ja', 'hi', 'ar'],
    },
    stream: (streamOptions) => runTts(streamOptions, run),
  };
  return withWarmSessions(model, run);
}
