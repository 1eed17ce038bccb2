import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeForSpeech } from './normalize.ts';

describe('normalizeForSpeech', () => {
  it('removes bold and italic markers', () => {
    assert.equal(
      normalizeForSpeech('This is **very** _really_ *quite* __bold__.'),
      'This is very really quite bold.',
    );
  });

  it('leaves a multiplication star and snake_case names alone', () => {
    assert.equal(
      normalizeForSpeech('2 * 3 is six; call my_tool_name.'),
      '2 * 3 is six; call my_tool_name.',
    );
  });

  it('removes heading and quote markers', () => {
    assert.equal(
      normalizeForSpeech('## Opening hours\n> We open at nine.'),
      'Opening hours We open at nine.',
    );
  });

  it('removes bullet markers but keeps numbered list labels', () => {
    assert.equal(normalizeForSpeech('- Red\n* Green\n+ Blue\n1. First'), 'Red Green Blue 1. First');
  });

  it('keeps link text and drops the URL', () => {
    assert.equal(
      normalizeForSpeech('See [our docs](https://acme.io/docs) or ![a logo](x.png).'),
      'See our docs or a logo.',
    );
  });

  it('removes inline code ticks and code fences', () => {
    assert.equal(normalizeForSpeech('Run `npm test`.\n```sh\nls\n```'), 'Run npm test. ls');
  });

  it('turns table rows into comma-separated cells and drops the divider', () => {
    assert.equal(
      normalizeForSpeech('| Day | Hours |\n|---|:---:|\n| Mon | 9-5 |'),
      'Day, Hours Mon, 9-5',
    );
  });

  it('removes horizontal rules and strike-through markers', () => {
    assert.equal(normalizeForSpeech('Old ~~price~~\n---\nNew'), 'Old price New');
  });

  it('expands percent, ampersand and degrees in English', () => {
    assert.equal(
      normalizeForSpeech('50% off at Smith & Sons, 21°C or 70 °F, 90°.'),
      '50 percent off at Smith and Sons, 21 degrees Celsius or 70 degrees Fahrenheit, 90 degrees.',
    );
  });

  it('expands the same symbols in Spanish', () => {
    assert.equal(
      normalizeForSpeech('Un 20% más, sol & playa, 25 °C.', 'es-ES'),
      'Un 20 por ciento más, sol y playa, 25 grados Celsius.',
    );
  });

  it('expands e.g. and i.e.', () => {
    assert.equal(
      normalizeForSpeech('Fruit, e.g. apples, i.e. food.'),
      'Fruit, for example apples, that is food.',
    );
    assert.equal(
      normalizeForSpeech('Fruta, p. ej. manzanas, e.g. peras.', 'es'),
      'Fruta, por ejemplo manzanas, por ejemplo peras.',
    );
  });

  it('collapses whitespace and trims', () => {
    assert.equal(normalizeForSpeech('  Hello \n\n  there\t friend  '), 'Hello there friend');
  });
});
