import type { TtsModel } from '../../../spec/tts.ts';
import { createFallbackTts, type ReplayFallbackOptions } from '../../resilience/index.ts';
import { chooseVoices, describeVoice, type VoiceChoice } from './choose-voice.ts';
import { createEspeakTts } from './espeak.ts';
import { createFliteTts } from './flite.ts';
import { installedVoices } from './installed-voices.ts';
import { createPicoTts } from './pico.ts';
import { createRhvoiceTts } from './rhvoice.ts';

export interface LocalTtsOptions {
  /** BCP-47 tag of the agent, e.g. 'en-US', 'es-ES'. */
  readonly language: string;
  /** An RHVoice or flite voice name to prefer, or an espeak-ng voice for the last fallback. */
  readonly voice?: string;
  readonly fallback?: ReplayFallbackOptions;
}

export function ttsForChoice(choice: VoiceChoice): TtsModel {
  switch (choice.engine) {
    case 'rhvoice':
      return createRhvoiceTts({ voice: choice.voice });
    case 'pico':
      return createPicoTts({ language: choice.language });
    case 'flite':
      return createFliteTts({ voice: choice.voice });
    case 'espeak-ng':
      return createEspeakTts({ voice: choice.voice });
  }
}

/** The best installed voice for a language and, behind it, the next best as fallbacks. */
export function createLocalTts(options: LocalTtsOptions): TtsModel {
  const choices = chooseVoices(options.language, options.voice, installedVoices());
  const models = choices.map(ttsForChoice);
  if (models.length === 1) return models[0]!;
  // Every link is a local engine, so the chain is reported as provider 'local'.
  return { ...createFallbackTts(models, options.fallback), provider: 'local' };
}

/** "RHVoice clb (fallback flite kal16, espeak-ng en-us)" for the start-up line. */
export function describeLocalVoice(language: string, voice?: string): string {
  const [first, ...rest] = chooseVoices(language, voice, installedVoices()).map(describeVoice);
  return rest.length === 0 ? (first ?? 'none') : `${first} (fallback ${rest.join(', ')})`;
}
