import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { CAFE_PHRASES, CAFE_VOCABULARY, ENGLISH_DICTIONARY_ENTRIES } from './vocabulary.ts';

const DICTIONARY = '/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict';

describe('café recogniser vocabulary', () => {
  it('has a Spanish pronunciation for every word of its phrases', () => {
    const keys = new Set(
      Object.keys(CAFE_VOCABULARY.pronunciations ?? {}).map((k) => k.replace(/\(\d+\)$/, '')),
    );
    const words = CAFE_PHRASES.join(' ')
      .replace(/[[\]()|]/g, ' ')
      .split(/\s+/)
      .filter(Boolean);
    assert.deepEqual(
      words.filter((word) => !keys.has(word)),
      [],
    );
  });

  it(
    'adds each English-dictionary word as its next alternate',
    { skip: !existsSync(DICTIONARY) },
    () => {
      const counts = new Map<string, number>();
      for (const line of readFileSync(DICTIONARY, 'utf8').split('\n')) {
        const base = line.split(' ')[0]?.replace(/\(\d+\)$/, '');
        if (base) counts.set(base, (counts.get(base) ?? 0) + 1);
      }
      for (const word of Object.keys(CAFE_VOCABULARY.pronunciations ?? {})) {
        const base = word.replace(/\(\d+\)$/, '');
        assert.equal(ENGLISH_DICTIONARY_ENTRIES[base], counts.get(base), `entries of ${base}`);
      }
    },
  );
});
