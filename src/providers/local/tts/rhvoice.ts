import { ConfigError } from '../../../spec/errors.ts';
import type { TtsModel, TtsStreamOptions } from '../../../spec/tts.ts';
import { runTts, type EngineCommand } from './run-tts.ts';

/** RHVoice's English voices in Debian's `rhvoice-english` (LGPL-2.1+), best recognised first. */
export const RHVOICE_VOICES = ['clb', 'bdl', 'slt', 'alan'] as const;
export type RhvoiceVoice = (typeof RHVOICE_VOICES)[number];

export interface RhvoiceTtsOptions {
  /** Default 'clb' (pocketsphinx word error 1.7 % on it, the lowest measured). */
  readonly voice?: RhvoiceVoice;
}

const MIN_RATE_PERCENT = 30;
const MAX_RATE_PERCENT = 300;

export function isRhvoiceVoice(value: string | undefined): value is RhvoiceVoice {
  return RHVOICE_VOICES.some((voice) => voice === value);
}

/**
 * `RHVoice-test` reading the text on stdin and streaming WAV (24 kHz) to stdout.
 * `-r` is a percentage of the voice's normal rate (100), so speakingRate 0.9 → 90.
 */
export function rhvoiceCommand(
  text: string,
  options: TtsStreamOptions,
  fallback: RhvoiceVoice,
): EngineCommand {
  const voice = isRhvoiceVoice(options.voice) ? options.voice : fallback;
  const percent = Math.round(
    Math.min(MAX_RATE_PERCENT, Math.max(MIN_RATE_PERCENT, 100 * (options.speakingRate ?? 1))),
  );
  return {
    command: 'RHVoice-test',
    args: ['-p', voice, '-r', String(percent), '-o', '-'],
    stdin: text,
    output: 'stdout',
  };
}

/**
 * RHVoice (Debian non-free `rhvoice` + `rhvoice-english`) in a child process,
 * English only. The CLI streams its WAV as it synthesises (first audio ~70 ms
 * for a short sentence here). It reports no word events, so word timings are
 * estimated from the audio (word-align.ts).
 */
export function createRhvoiceTts(options: RhvoiceTtsOptions = {}): TtsModel {
  const voice = options.voice ?? 'clb';
  if (!isRhvoiceVoice(voice))
    throw new ConfigError(`not an RHVoice English voice: ${String(voice)}`);
  return {
    provider: 'local',
    model: `rhvoice-${voice}`,
    capabilities: {
      streaming: true,
      // Estimated from the audio (word-align.ts), not reported by the engine.
      wordTimings: true,
      sampleRates: [8000, 16_000, 22_050, 24_000, 44_100, 48_000],
      languages: ['en'],
    },
    stream: (streamOptions) =>
      runTts(streamOptions, {
        provider: 'local',
        commandFor: (text, current) => rhvoiceCommand(text, current, voice),
      }),
  };
}
