import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AgentVoice } from '../../spec/agent.ts';
import { VOICE_CATALOGUE } from './voice-catalogue.ts';
import { chooseVoice, espeakVoiceFor, voiceForDescription } from './voices.ts';

describe('chooseVoice', () => {
  const voice: AgentVoice = {
    byProvider: { local: 'es', deepgram: 'aura-2-nestor-es' },
    description: { gender: 'male', style: 'gruff' },
  };

  it('prefers the operator override over everything the agent declares', () => {
    assert.equal(chooseVoice('deepgram', voice, 'es-ES', 'aura-2-carina-es'), 'aura-2-carina-es');
  });

  it('takes the voice the agent names for that provider', () => {
    assert.equal(chooseVoice('deepgram', voice, 'es-ES'), 'aura-2-nestor-es');
    assert.equal(chooseVoice('local', voice, 'es-ES'), 'es');
  });

  it('maps the description onto a provider the agent names no voice for', () => {
    assert.equal(chooseVoice('openai', voice, 'es-ES'), 'onyx');
  });

  it('never hands one vendor another vendor voice', () => {
    const byVendor = (['openai', 'elevenlabs', 'deepgram', 'cartesia'] as const).map((provider) => {
      const id = chooseVoice(provider, voice, 'es-ES');
      return VOICE_CATALOGUE[provider].some((entry) => entry.id === id);
    });
    assert.deepEqual(byVendor, [true, true, true, true]);
  });

  it('falls back to the espeak-ng voice of the language for the local engine', () => {
    assert.equal(chooseVoice('local', undefined, 'en-GB'), 'en-gb');
    assert.equal(espeakVoiceFor('es-ES'), 'es');
    assert.equal(espeakVoiceFor('en-US'), 'en-us');
  });
});

describe('voiceForDescription', () => {
  it('picks a voice in the agent language before a multilingual one', () => {
    assert.equal(
      voiceForDescription('deepgram', { gender: 'female' }, 'es-ES'),
      'aura-2-celeste-es',
    );
  });

  it('finds no Aura voice for a language Aura does not list', () => {
    assert.equal(voiceForDescription('deepgram', {}, 'sw-KE'), undefined);
  });

  it('matches gender and then style words', () => {
    assert.equal(
      voiceForDescription('openai', { gender: 'female', style: 'calm' }, 'en-US'),
      'sage',
    );
    assert.equal(voiceForDescription('deepgram', { gender: 'male' }, 'en-US'), 'aura-2-apollo-en');
  });
});
