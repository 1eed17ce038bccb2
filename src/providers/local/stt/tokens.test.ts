import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isFillerToken, stripAlternateMarker } from './tokens.ts';

describe('pocketsphinx tokens', () => {
  it('treats sentence marks, silence, noise and null transitions as fillers', () => {
    for (const token of ['<s>', '</s>', '<sil>', '[NOISE]', '++UH++', '(NULL)']) {
      assert.equal(isFillerToken(token), true, token);
    }
    assert.equal(isFillerToken('coffee'), false);
  });

  it('removes the alternate-pronunciation marker from a word', () => {
    assert.equal(stripAlternateMarker('coffee(2)'), 'coffee');
    assert.equal(stripAlternateMarker('coffee'), 'coffee');
  });
});
