import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { asciiWord, spanishToCmu } from './spanish-phones.ts';

describe('Spanish spelling to English phones', () => {
  it('spells the café words with Castilian sounds', () => {
    assert.equal(spanishToCmu('quiero'), 'K Y EY R OW');
    assert.equal(spanishToCmu('caña'), 'K AA N Y AA');
    assert.equal(spanishToCmu('gracias'), 'G R AA TH Y AA S');
    assert.equal(spanishToCmu('leche'), 'L EY CH EY');
    assert.equal(spanishToCmu('jamón'), 'HH AA M OW N');
    assert.equal(spanishToCmu('hola'), 'OW L AA');
  });

  it('spells words the way the recogniser reports them: no accents', () => {
    assert.equal(asciiWord('Café'), 'cafe');
    assert.equal(asciiWord('caña'), 'cana');
  });
});
