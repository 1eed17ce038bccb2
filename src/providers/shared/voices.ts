import type { AgentVoice, VoiceDescription, VoiceProvider } from '../../spec/agent.ts';
import { VOICE_CATALOGUE, type CatalogueVoice } from './voice-catalogue.ts';

/** An espeak-ng voice for a BCP-47 tag: `en-US` → `en-us`, `en-GB` → `en-gb`, `es-ES` → `es`. */
export function espeakVoiceFor(language: string): string {
  const lower = language.toLowerCase();
  if (lower.startsWith('en')) return lower === 'en-gb' ? 'en-gb' : 'en-us';
  return lower.split('-')[0] ?? 'en-us';
}

function primary(language: string): string {
  return (language.split('-')[0] ?? language).toLowerCase();
}

/** Higher is closer: language first, then gender, then shared style words. */
function score(voice: CatalogueVoice, language: string, wish: VoiceDescription): number {
  let points = 0;
  if (voice.language === language) points += 100;
  else if (voice.language === '*') points += 50;
  else return -1;
  if (wish.gender !== undefined && voice.gender === wish.gender) points += 20;
  const styles = (wish.style ?? '')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);
  for (const style of styles) if (voice.tags.includes(style)) points += 5;
  return points;
}

/** The catalogue voice closest to `description` (ties go to the catalogue's order), if any speaks the language. */
export function voiceForDescription(
  provider: Exclude<VoiceProvider, 'local'>,
  description: VoiceDescription,
  agentLanguage: string,
): string | undefined {
  const language = primary(description.language ?? agentLanguage);
  let best: CatalogueVoice | undefined;
  let bestScore = -1;
  for (const voice of VOICE_CATALOGUE[provider]) {
    const points = score(voice, language, description);
    if (points > bestScore) [best, bestScore] = [voice, points];
  }
  return best?.id;
}

/**
 * The voice one provider speaks an agent with: an operator's override first, then the
 * agent's voice for that provider, then its description mapped onto the provider's
 * catalogue, then (for `local`) the espeak-ng voice of the agent's language.
 * `undefined` leaves the adapter on its own default.
 */
export function chooseVoice(
  provider: VoiceProvider,
  voice: AgentVoice | undefined,
  agentLanguage: string,
  override?: string,
): string | undefined {
  if (override !== undefined && override !== '') return override;
  const declared = voice?.byProvider?.[provider];
  if (declared !== undefined && declared !== '') return declared;
  if (provider === 'local') return espeakVoiceFor(voice?.description?.language ?? agentLanguage);
  return voiceForDescription(provider, voice?.description ?? {}, agentLanguage);
}
