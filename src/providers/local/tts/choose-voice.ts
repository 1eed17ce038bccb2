import { FLITE_VOICES, type FliteVoice } from './flite.ts';
import { isPicoLanguage, type PicoLanguage } from './pico.ts';
import { RHVOICE_VOICES, type RhvoiceVoice } from './rhvoice.ts';

/** What is installed on this machine (see installed-voices.ts). */
export interface InstalledVoices {
  readonly rhvoice: readonly RhvoiceVoice[];
  readonly pico: readonly PicoLanguage[];
  readonly flite: boolean;
  readonly espeak: boolean;
}

export type VoiceChoice =
  | { readonly engine: 'rhvoice'; readonly voice: RhvoiceVoice }
  | { readonly engine: 'pico'; readonly language: PicoLanguage }
  | { readonly engine: 'flite'; readonly voice: FliteVoice }
  | { readonly engine: 'espeak-ng'; readonly voice: string };

/** The Pico voice for a BCP-47 tag: `es-MX` → es-ES, `en-GB` → en-GB, `en-*` → en-US. */
export function picoLanguageFor(language: string): PicoLanguage | undefined {
  const [base = '', region = ''] = language.split('-');
  const exact = `${base.toLowerCase()}-${region.toUpperCase()}`;
  if (isPicoLanguage(exact)) return exact;
  const byBase: Record<string, PicoLanguage> = {
    en: 'en-US',
    es: 'es-ES',
    de: 'de-DE',
    fr: 'fr-FR',
    it: 'it-IT',
  };
  return byBase[base.toLowerCase()];
}

/** An espeak-ng voice for a BCP-47 tag: `en-US` → `en-us`, `en-GB` → `en-gb`, `es-ES` → `es`. */
export function espeakVoiceFor(language: string): string {
  const lower = language.toLowerCase();
  if (lower.startsWith('en')) return lower === 'en-gb' ? 'en-gb' : 'en-us';
  return lower.split('-')[0] ?? 'en-us';
}

function named(voice: string | undefined, installed: InstalledVoices): VoiceChoice | undefined {
  if (voice === undefined) return undefined;
  const rh = installed.rhvoice.find((name) => name === voice);
  if (rh) return { engine: 'rhvoice', voice: rh };
  const fl = FLITE_VOICES.find((name) => name === voice);
  if (fl && installed.flite) return { engine: 'flite', voice: fl };
  return undefined;
}

/**
 * The voices to try for an agent, best first (later ones are runtime fallbacks).
 * English: RHVoice (clb, bdl, slt by recognisability), then Pico en-US, flite
 * kal16, espeak-ng. Other languages: Pico when it has the language, then
 * espeak-ng. A `voice` naming an installed RHVoice or flite voice goes first;
 * an espeak-ng name ('en-us', 'es') only says which espeak-ng voice to fall back to.
 */
export function chooseVoices(
  language: string,
  voice: string | undefined,
  installed: InstalledVoices,
): VoiceChoice[] {
  const english = language.toLowerCase().startsWith('en');
  const choices: VoiceChoice[] = [];
  const add = (choice: VoiceChoice | undefined): void => {
    if (choice && !choices.some((c) => JSON.stringify(c) === JSON.stringify(choice)))
      choices.push(choice);
  };
  add(named(voice, installed));
  if (english) {
    const rh = RHVOICE_VOICES.filter((name) => name !== 'alan').find((name) =>
      installed.rhvoice.includes(name),
    );
    if (rh) add({ engine: 'rhvoice', voice: rh });
  }
  const pico = picoLanguageFor(language);
  if (pico && installed.pico.includes(pico)) add({ engine: 'pico', language: pico });
  if (english && installed.flite) add({ engine: 'flite', voice: 'kal16' });
  const espeakName =
    voice !== undefined && named(voice, installed) === undefined ? voice : undefined;
  add({ engine: 'espeak-ng', voice: espeakName ?? espeakVoiceFor(language) });
  return choices;
}

export function describeVoice(choice: VoiceChoice): string {
  switch (choice.engine) {
    case 'rhvoice':
      return `RHVoice ${choice.voice}`;
    case 'pico':
      return `Pico ${choice.language}`;
    case 'flite':
      return `flite ${choice.voice}`;
    case 'espeak-ng':
      return `espeak-ng ${choice.voice}`;
  }
}
