/**
 * Languages and voices Sarvam's APIs take, from the official `sarvamai` SDK's types and
 * https://docs.sarvam.ai/api-reference-docs/text-to-speech/stream: Bulbul speaks eleven
 * Indian languages as `xx-IN`; Saaras streaming recognises those and more.
 */
export const TTS_LANGUAGES = [
  'bn-IN',
  'en-IN',
  'gu-IN',
  'hi-IN',
  'kn-IN',
  'ml-IN',
  'mr-IN',
  'od-IN',
  'pa-IN',
  'ta-IN',
  'te-IN',
] as const;

export const STT_LANGUAGES = [
  ...TTS_LANGUAGES,
  'as-IN',
  'ur-IN',
  'ne-IN',
  'kok-IN',
  'ks-IN',
  'sd-IN',
  'sa-IN',
  'sat-IN',
  'mni-IN',
  'brx-IN',
  'mai-IN',
  'doi-IN',
] as const;

/** Speakers per Bulbul model; names are lowercase and must match the model. */
export const SPEAKERS: Readonly<Record<string, readonly string[]>> = {
  'bulbul:v2': ['anushka', 'manisha', 'vidya', 'arya', 'abhilash', 'karun', 'hitesh'],
  'bulbul:v3': [
    'shubh',
    'aditya',
    'ritu',
    'priya',
    'neha',
    'rahul',
    'pooja',
    'rohan',
    'simran',
    'kavya',
    'amit',
    'dev',
    'ishita',
    'shreya',
    'ratan',
    'varun',
    'manan',
    'sumit',
    'roopa',
    'kabir',
    'aayan',
    'ashutosh',
    'advait',
    'anand',
    'tanya',
    'tarun',
    'sunny',
    'mani',
    'gokul',
    'vijay',
    'shruti',
    'suhani',
    'mohit',
    'kavitha',
    'rehan',
    'soham',
    'rupali',
  ],
};

export const DEFAULT_SPEAKER: Readonly<Record<string, string>> = {
  'bulbul:v2': 'anushka',
  'bulbul:v3': 'shubh',
};

/** Pace each model accepts. */
export const PACE_RANGE: Readonly<Record<string, readonly [number, number]>> = {
  'bulbul:v2': [0.3, 3],
  'bulbul:v3': [0.5, 2],
};

/**
 * A BCP-47 tag as Sarvam writes it: `hi`, `hi-in` and `hi-IN` all become `hi-IN`;
 * `or` (ISO 639-1 Odia) becomes Sarvam's `od-IN`. Unknown languages pass through, for the
 * API to refuse with its own message.
 */
export function toSarvamLanguage(tag: string): string {
  const [primary = ''] = tag.split(/[-_]/);
  const language = primary.toLowerCase() === 'or' ? 'od' : primary.toLowerCase();
  return `${language}-IN`;
}
