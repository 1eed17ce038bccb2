import { ConfigError } from '../../spec/errors.ts';

/**
 * Language tags each vendor accepts, and the mapping from an agent's BCP-47 tag
 * (`es-ES`, `en-US`) onto them: the tag itself when listed, else its primary subtag
 * (`es-ES` → `es`), else a ConfigError naming what the vendor lists.
 */
export const VENDOR_LANGUAGES = {
  /** https://developers.deepgram.com/docs/models-languages-overview (Nova-3 streaming). */
  deepgram: [
    'multi',
    'en',
    'en-US',
    'en-AU',
    'en-GB',
    'en-IN',
    'en-NZ',
    'es',
    'es-419',
    'fr',
    'fr-CA',
    'de',
    'de-CH',
    'it',
    'pt',
    'pt-BR',
    'pt-PT',
    'nl',
    'nl-BE',
    'ja',
    'ko',
    'ko-KR',
    'hi',
    'ru',
    'sv',
    'sv-SE',
    'da',
    'da-DK',
    'no',
    'fi',
    'pl',
    'tr',
    'uk',
    'vi',
    'id',
    'ms',
    'ro',
    'cs',
    'bg',
  ],
  /** https://developers.deepgram.com/docs/flux/language — Flux is English only. */
  'deepgram-flux': ['en'],
  /** https://www.assemblyai.com/docs/speech-to-text/universal-streaming/multilingual-transcription */
  assemblyai: ['en', 'es', 'fr', 'de', 'it', 'pt'],
  /** https://platform.openai.com/docs/api-reference/audio/createTranscription#audio-createtranscription-language (ISO-639-1). */
  openai: [
    'af',
    'ar',
    'hy',
    'az',
    'be',
    'bs',
    'bg',
    'ca',
    'zh',
    'hr',
    'cs',
    'da',
    'nl',
    'en',
    'et',
    'fi',
    'fr',
    'gl',
    'de',
    'el',
    'he',
    'hi',
    'hu',
    'is',
    'id',
    'it',
    'ja',
    'kn',
    'kk',
    'ko',
    'lv',
    'lt',
    'mk',
    'ms',
    'mr',
    'mi',
    'ne',
    'no',
    'fa',
    'pl',
    'pt',
    'ro',
    'ru',
    'sr',
    'sk',
    'sl',
    'es',
    'sw',
    'sv',
    'tl',
    'ta',
    'th',
    'tr',
    'uk',
    'ur',
    'vi',
    'cy',
  ],
  /** https://docs.cartesia.ai/build-with-cartesia/tts-models (sonic-2 languages). */
  cartesia: [
    'en',
    'fr',
    'de',
    'es',
    'pt',
    'zh',
    'ja',
    'hi',
    'it',
    'ko',
    'nl',
    'pl',
    'ru',
    'sv',
    'tr',
  ],
} as const satisfies Record<string, readonly string[]>;

export type LanguageVendor = keyof typeof VENDOR_LANGUAGES;

/** The vendor's spelling of `tag`, or a ConfigError when the vendor lists neither it nor its primary subtag. */
export function vendorLanguage(vendor: LanguageVendor, tag: string): string {
  const listed: readonly string[] = VENDOR_LANGUAGES[vendor];
  const exact = listed.find((entry) => entry.toLowerCase() === tag.toLowerCase());
  if (exact !== undefined) return exact;
  const primary = (tag.split('-')[0] ?? tag).toLowerCase();
  if (listed.includes(primary)) return primary;
  throw new ConfigError(
    `${vendor} does not support language "${tag}" (it lists ${listed.join(', ')})`,
  );
}
