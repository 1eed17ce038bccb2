import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CAFE_DIALOGUE } from '../src/agents/cafe/dialogue.ts';
import { CAFE_VOCABULARY } from '../src/agents/cafe/vocabulary.ts';
import { SUPPORT_DIALOGUE } from '../src/agents/support/dialogue.ts';
import { SUPPORT_VOCABULARY } from '../src/agents/support/vocabulary.ts';
import { TECHNICIAN_DIALOGUE } from '../src/agents/technician/dialogue.ts';
import { TECHNICIAN_VOCABULARY } from '../src/agents/technician/vocabulary.ts';
import { describeVoice } from '../src/providers/local/tts/choose-voice.ts';
import { parseTranscription } from './librivox.ts';
import { EVAL_REQUESTS } from './requests.ts';
import { EVAL_VOICES } from './voices.ts';

const normalise = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N} ]/gu, '')
    .trim();

describe('the evaluation set', () => {
  it('has at least 200 spoken requests across three agents and five or more voices', () => {
    const spoken = EVAL_REQUESTS.reduce(
      (sum, request) =>
        sum +
        EVAL_VOICES.filter((voice) => (request.agent === 'cafe') === (voice.language === 'es'))
          .length,
      0,
    );
    assert.ok(spoken >= 200, String(spoken));
    assert.equal(new Set(EVAL_REQUESTS.map((request) => request.agent)).size, 3);
    assert.ok(new Set(EVAL_VOICES.map((voice) => describeVoice(voice.choice))).size >= 5);
  });

  it('keeps its held-out phrasings out of every script and vocabulary', () => {
    const known = new Set(
      [SUPPORT_DIALOGUE, TECHNICIAN_DIALOGUE, CAFE_DIALOGUE]
        .flatMap((script) => script.intents.flatMap((intent) => intent.examples))
        .concat(
          [SUPPORT_VOCABULARY, TECHNICIAN_VOCABULARY, CAFE_VOCABULARY].flatMap(
            (vocabulary) => vocabulary.phrases ?? [],
          ),
        )
        .map(normalise),
    );
    const leaked = EVAL_REQUESTS.filter(
      (request) => request.split === 'held-out' && known.has(normalise(request.text)),
    );
    assert.deepEqual(leaked, []);
  });

  it('holds out voices as well as phrasings, for every agent', () => {
    assert.ok(EVAL_VOICES.some((voice) => voice.split === 'held-out' && voice.language === 'en'));
    assert.ok(EVAL_VOICES.some((voice) => voice.split === 'held-out' && voice.language === 'es'));
    for (const agent of ['support', 'technician', 'cafe'] as const) {
      assert.ok(
        EVAL_REQUESTS.some((request) => request.agent === agent && request.split === 'held-out'),
      );
    }
  });
});

describe('parseTranscription', () => {
  it('reads "<s> words </s> (file id)" lines', () => {
    assert.deepEqual(
      parseTranscription('<s> he was not an ill disposed young man </s> (clip-0880)\n\n'),
      [['clip-0880', 'he was not an ill disposed young man']],
    );
  });
});
