import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  buildIntentIndex,
  containsPhrase,
  DEFAULT_MATCH_THRESHOLD,
  matchIntent,
} from './intent-matcher.ts';
import { tokenize } from './normalize.ts';
import { cafeScript, supportScript } from './test-scripts.ts';

const english = buildIntentIndex(supportScript.intents);
const spanish = buildIntentIndex(cafeScript.intents);

function intentFor(index: typeof english, utterance: string): string | undefined {
  return matchIntent(index, utterance, DEFAULT_MATCH_THRESHOLD)?.intent.name;
}

describe('intent matching', () => {
  it('matches a paraphrase that is not one of the examples', () => {
    assert.equal(intentFor(english, 'can you tell me where my order is'), 'order_status');
  });

  it('matches through fillers and contractions', () => {
    assert.equal(intentFor(english, "um, where's my order"), 'order_status');
  });

  it('matches text mangled by the recogniser', () => {
    assert.equal(intentFor(english, 'were is my oder'), 'order_status');
    assert.equal(intentFor(english, 'track my ordure please'), 'order_status');
  });

  it('prefers the intent whose slot value the utterance names', () => {
    assert.equal(intentFor(english, 'the pump two hundred is broken'), 'report_fault');
  });

  it('matches Spanish paraphrases with accents and fillers', () => {
    assert.equal(intentFor(spanish, 'eh, ¿dónde está mi pedido?'), 'estado_pedido');
    assert.equal(intentFor(spanish, 'a qué hora abren'), 'horario');
    assert.equal(intentFor(spanish, 'me pones dos cortados'), 'pedir');
  });

  it('matches nothing for an unrelated question', () => {
    assert.equal(intentFor(english, 'what is your refund policy'), undefined);
    assert.equal(intentFor(english, 'blah blah'), undefined);
  });

  it('chooses among the candidates it is given', () => {
    const candidates = supportScript.intents.filter((intent) => intent.name !== 'order_status');
    const match = matchIntent(english, 'where is my order', 0, candidates);
    assert.notEqual(match?.intent.name, 'order_status');
  });

  it('hears a long keyword in a word that sounds like it, but not a short one', () => {
    assert.ok(containsPhrase(tokenize('i want to speak to the manger'), tokenize('manager')));
    assert.ok(containsPhrase(tokenize('send a technicien'), tokenize('technician')));
    assert.equal(containsPhrase(tokenize('the meter says five'), tokenize('motor')), false);
    assert.ok(containsPhrase(tokenize('torch stood for the main shaft'), tokenize('torque')));
    assert.equal(containsPhrase(tokenize('i need a tork'), tokenize('torque')), false);
  });

  it('does not ask the embedder about numbers alone, which say nothing of what is wanted', () => {
    const everything = buildIntentIndex(
      supportScript.intents,
      () => new Map(supportScript.intents.map((intent) => [intent, 0.9])),
    );
    for (const text of ['oh two one', 'four five seven one', '4571', 'one hundred and thirty']) {
      assert.equal(matchIntent(everything, text, DEFAULT_MATCH_THRESHOLD), undefined, text);
    }
    assert.notEqual(matchIntent(everything, 'yep', DEFAULT_MATCH_THRESHOLD), undefined);
  });

  it('weighs number words like figures, so an order number does not drown the request', () => {
    assert.equal(
      intentFor(english, 'where is my order four five seven one eight two'),
      'order_status',
    );
  });
});
