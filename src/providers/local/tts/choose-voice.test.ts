import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  chooseVoices,
  describeVoice,
  picoLanguageFor,
  type InstalledVoices,
} from './choose-voice.ts';

const everything: InstalledVoices = {
  rhvoice: ['clb', 'bdl', 'slt', 'alan'],
  pico: ['en-US', 'en-GB', 'es-ES', 'de-DE', 'fr-FR', 'it-IT'],
  flite: true,
  espeak: true,
};
const bare: InstalledVoices = { rhvoice: [], pico: [], flite: true, espeak: true };
const names = (language: string, voice: string | undefined, installed: InstalledVoices) =>
  chooseVoices(language, voice, installed).map(describeVoice);

describe('chooseVoices', () => {
  it('speaks English with RHVoice clb first, then Pico, flite kal16 and espeak-ng', () => {
    assert.deepEqual(names('en-US', 'en-us', everything), [
      'RHVoice clb',
      'Pico en-US',
      'flite kal16',
      'espeak-ng en-us',
    ]);
  });

  it('speaks Spanish with Pico es-ES, then the agent’s espeak-ng voice', () => {
    assert.deepEqual(names('es-ES', 'es', everything), ['Pico es-ES', 'espeak-ng es']);
  });

  it('falls back to flite and espeak-ng when the non-free voices are missing', () => {
    assert.deepEqual(names('en-US', undefined, bare), ['flite kal16', 'espeak-ng en-us']);
    assert.deepEqual(names('es-MX', undefined, bare), ['espeak-ng es']);
  });

  it('puts a named RHVoice or flite voice first', () => {
    assert.deepEqual(names('en-US', 'bdl', everything)[0], 'RHVoice bdl');
    assert.deepEqual(names('en-US', 'awb', everything)[0], 'flite awb');
  });

  it('takes the next RHVoice voice when clb is not installed', () => {
    assert.equal(names('en-US', undefined, { ...bare, rhvoice: ['slt'] })[0], 'RHVoice slt');
  });
});

describe('picoLanguageFor', () => {
  it('maps a region it lacks to the language’s one voice', () => {
    assert.equal(picoLanguageFor('es-MX'), 'es-ES');
    assert.equal(picoLanguageFor('en-GB'), 'en-GB');
    assert.equal(picoLanguageFor('en-AU'), 'en-US');
    assert.equal(picoLanguageFor('ja-JP'), undefined);
  });
});
