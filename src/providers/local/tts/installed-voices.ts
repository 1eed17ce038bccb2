import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { InstalledVoices } from './choose-voice.ts';
import { PICO_LANGUAGES } from './pico.ts';
import { RHVOICE_VOICES } from './rhvoice.ts';

/** Where Debian's packages put the engines and their voice data. */
export interface VoicePaths {
  readonly binDir: string;
  readonly rhvoiceVoicesDir: string;
  readonly picoLangDir: string;
}

export const DEBIAN_VOICE_PATHS: VoicePaths = {
  binDir: '/usr/bin',
  rhvoiceVoicesDir: '/usr/share/RHVoice/voices',
  picoLangDir: '/usr/share/pico/lang',
};

let cached: InstalledVoices | undefined;

/** The voices installed here (looked up once per process: a few `stat` calls). */
export function installedVoices(paths: VoicePaths = DEBIAN_VOICE_PATHS): InstalledVoices {
  if (paths === DEBIAN_VOICE_PATHS && cached) return cached;
  const bin = (name: string): boolean => existsSync(join(paths.binDir, name));
  const found: InstalledVoices = {
    rhvoice: bin('RHVoice-test')
      ? RHVOICE_VOICES.filter((voice) => existsSync(join(paths.rhvoiceVoicesDir, voice)))
      : [],
    pico: bin('pico2wave')
      ? PICO_LANGUAGES.filter((language) =>
          existsSync(join(paths.picoLangDir, `${language}_ta.bin`)),
        )
      : [],
    flite: bin('flite'),
    espeak: bin('espeak-ng'),
  };
  if (paths === DEBIAN_VOICE_PATHS) cached = found;
  return found;
}
