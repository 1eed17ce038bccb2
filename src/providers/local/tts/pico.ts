import { ConfigError } from '../../../spec/errors.ts';
import type { TtsModel, TtsStreamOptions } from '../../../spec/tts.ts';
import { OUTPUT_FILE } from './engine-output.ts';
import { runTts, type EngineCommand } from './run-tts.ts';

/** The languages SVOX Pico ships in Debian's `libttspico-data`. */
export const PICO_LANGUAGES = ['en-US', 'en-GB', 'es-ES', 'de-DE', 'fr-FR', 'it-IT'] as const;
export type PicoLanguage = (typeof PICO_LANGUAGES)[number];

export interface PicoTtsOptions {
  /** Default 'en-US'. */
  readonly language?: PicoLanguage;
}

export function isPicoLanguage(value: string | undefined): value is PicoLanguage {
  return PICO_LANGUAGES.some((language) => language === value);
}

const MIN_SPEED = 20;
const MAX_SPEED = 500;

/** Text as Pico markup: `&`, `<` and `>` escaped, wrapped in a `<speed>` tag. */
export function picoMarkup(text: string, speakingRate: number): string {
  const level = Math.round(Math.min(MAX_SPEED, Math.max(MIN_SPEED, 100 * speakingRate)));
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<speed level="${level}">${escaped}</speed>`;
}

/**
 * `pico2wave` writes only to a file named `*.wav` (16 kHz); the speaking rate
 * goes in Pico's own `<speed level="90">` markup (100 is the voice's rate).
 */
export function picoCommand(
  text: string,
  options: TtsStreamOptions,
  language: PicoLanguage,
): EngineCommand {
  return {
    command: 'pico2wave',
    args: ['-l', language, '-w', OUTPUT_FILE, picoMarkup(text, options.speakingRate ?? 1)],
    stdin: '',
    output: 'file',
  };
}

/**
 * SVOX Pico (Debian non-free `libttspico-utils`) in a child process: one voice
 * per language, the one real Spanish upgrade over espeak-ng. Each sentence is
 * written whole (~10–40 ms here) then streamed; word timings are estimated
 * from the audio (word-align.ts).
 */
export function createPicoTts(options: PicoTtsOptions = {}): TtsModel {
  const language = options.language ?? 'en-US';
  if (!isPicoLanguage(language)) throw new ConfigError(`not a Pico language: ${String(language)}`);
  return {
    provider: 'local',
    model: `pico-${language}`,
    capabilities: {
      streaming: true,
      // Estimated from the audio (word-align.ts), not reported by the engine.
      wordTimings: true,
      sampleRates: [8000, 16_000, 22_050, 24_000, 44_100, 48_000],
      languages: [language.slice(0, 2)],
    },
    stream: (streamOptions) =>
      runTts(streamOptions, {
        provider: 'local',
        commandFor: (text, current) => picoCommand(text, current, language),
      }),
  };
}
