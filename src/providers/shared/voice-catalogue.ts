import type { VoiceProvider } from '../../spec/agent.ts';

/** One vendor voice as the catalogue knows it. `language` is a primary subtag or `*` (multilingual). */
export interface CatalogueVoice {
  readonly id: string;
  readonly language: string;
  readonly gender: 'female' | 'male' | 'neutral';
  readonly tags: readonly string[];
}

/**
 * Voices each vendor documents, used to map an agent's neutral description onto a
 * real voice. The first voice of a language is that language's default.
 * - OpenAI: https://platform.openai.com/docs/guides/text-to-speech#voice-options
 *   (only the voices `tts-1` also accepts, so any model works; all are multilingual).
 * - Deepgram Aura-2: https://developers.deepgram.com/docs/tts-models (model = voice).
 * - ElevenLabs default voices: https://elevenlabs.io/docs/voices/default-voices
 *   (multilingual with `eleven_flash_v2_5` / `eleven_multilingual_v2`).
 * - Cartesia: https://docs.cartesia.ai/build-with-cartesia/tts-models (voice ids from
 *   its public examples; `sonic-2` voices speak every supported language).
 * - Sarvam Bulbul v2: the speakers of https://docs.sarvam.ai/api-reference-docs/text-to-speech/stream
 *   (each speaks all eleven Indian languages Bulbul supports).
 */
export const VOICE_CATALOGUE: Readonly<
  Record<Exclude<VoiceProvider, 'local'>, readonly CatalogueVoice[]>
> = {
  openai: [
    { id: 'coral', language: '*', gender: 'female', tags: ['warm', 'friendly'] },
    { id: 'alloy', language: '*', gender: 'neutral', tags: ['balanced'] },
    { id: 'ash', language: '*', gender: 'male', tags: ['clear', 'brisk'] },
    { id: 'echo', language: '*', gender: 'male', tags: ['calm'] },
    { id: 'fable', language: '*', gender: 'male', tags: ['expressive', 'british'] },
    { id: 'nova', language: '*', gender: 'female', tags: ['bright', 'energetic'] },
    { id: 'onyx', language: '*', gender: 'male', tags: ['deep', 'gruff'] },
    { id: 'sage', language: '*', gender: 'female', tags: ['calm', 'gentle'] },
    { id: 'shimmer', language: '*', gender: 'female', tags: ['clear', 'bright'] },
  ],
  deepgram: [
    {
      id: 'aura-2-thalia-en',
      language: 'en',
      gender: 'female',
      tags: ['clear', 'confident', 'energetic'],
    },
    {
      id: 'aura-2-helena-en',
      language: 'en',
      gender: 'female',
      tags: ['warm', 'caring', 'friendly'],
    },
    { id: 'aura-2-andromeda-en', language: 'en', gender: 'female', tags: ['calm', 'casual'] },
    {
      id: 'aura-2-apollo-en',
      language: 'en',
      gender: 'male',
      tags: ['confident', 'casual', 'brisk'],
    },
    { id: 'aura-2-orion-en', language: 'en', gender: 'male', tags: ['calm', 'approachable'] },
    { id: 'aura-2-zeus-en', language: 'en', gender: 'male', tags: ['deep', 'gruff'] },
    { id: 'aura-2-celeste-es', language: 'es', gender: 'female', tags: ['clear', 'friendly'] },
    { id: 'aura-2-carina-es', language: 'es', gender: 'female', tags: ['calm', 'professional'] },
    { id: 'aura-2-diana-es', language: 'es', gender: 'female', tags: ['warm'] },
    { id: 'aura-2-nestor-es', language: 'es', gender: 'male', tags: ['calm', 'gruff', 'deep'] },
    { id: 'aura-2-alvaro-es', language: 'es', gender: 'male', tags: ['confident', 'brisk'] },
    { id: 'aura-2-javier-es', language: 'es', gender: 'male', tags: ['friendly'] },
  ],
  elevenlabs: [
    { id: '21m00Tcm4TlvDq8ikWAM', language: '*', gender: 'female', tags: ['calm', 'warm'] }, // Rachel
    { id: 'EXAVITQu4vr4xnSDxMaL', language: '*', gender: 'female', tags: ['soft', 'friendly'] }, // Sarah
    { id: 'XrExE9yKIg1WjnnlVkGX', language: '*', gender: 'female', tags: ['warm', 'friendly'] }, // Matilda
    { id: 'nPczCjzI2devNBz1zQrb', language: '*', gender: 'male', tags: ['deep', 'calm'] }, // Brian
    { id: 'JBFqnCBsd6RMkjVDRZzb', language: '*', gender: 'male', tags: ['warm', 'gruff'] }, // George
    { id: 'TX3LPaxmHKxFdv7VOQHJ', language: '*', gender: 'male', tags: ['brisk', 'confident'] }, // Liam
  ],
  sarvam: [
    { id: 'anushka', language: '*', gender: 'female', tags: ['clear', 'friendly'] },
    { id: 'manisha', language: '*', gender: 'female', tags: ['warm'] },
    { id: 'vidya', language: '*', gender: 'female', tags: ['calm'] },
    { id: 'arya', language: '*', gender: 'female', tags: ['young'] },
    { id: 'abhilash', language: '*', gender: 'male', tags: ['deep'] },
    { id: 'karun', language: '*', gender: 'male', tags: ['calm'] },
    { id: 'hitesh', language: '*', gender: 'male', tags: ['brisk'] },
  ],
  cartesia: [
    {
      id: '694f9389-aac1-45b6-b726-9d9369183238',
      language: '*',
      gender: 'female',
      tags: ['confident', 'clear'],
    },
    {
      id: 'a0e99841-438c-4a64-b679-ae501e7d6091',
      language: '*',
      gender: 'male',
      tags: ['casual', 'friendly'],
    },
  ],
};
