import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createCafeAgent } from '../../src/agents/index.ts';
import { agentSession, synthesizeSpeech } from './harness.ts';

describe('café waiter: a scripted conversation through the full offline session', () => {
  let talk: ReturnType<typeof agentSession>;
  before(() => {
    // No Spanish acoustic model: only the café grammar is run, never the English language model.
    talk = agentSession(createCafeAgent(), { stt: { fallback: 'none' } });
  });
  after(() => talk.close());

  it('greets back in Spanish and asks what to bring', async () => {
    const turn = await talk.type('Hola, buenos días.');
    assert.equal(turn.reply, 'Buenos días. ¿Qué le pongo?');
  });

  it('serves an order with a gender mistake without correcting it', async () => {
    const turn = await talk.type('Quiero una café, por favor.');
    assert.equal(turn.toolCalls[0]?.name, 'grammar_check');
    const result = turn.toolResults[0]?.result as { meaningChanged: boolean; mistakes: unknown[] };
    assert.equal(result.meaningChanged, false);
    assert.equal(result.mistakes.length, 1);
    assert.equal(turn.reply, 'Marchando: un café. ¿Algo más?');
  });

  it('reacts when a mistake changes the meaning of the order', async () => {
    const turn = await talk.type('Soy un café.');
    const result = turn.toolResults[0]?.result as { meaningChanged: boolean };
    assert.equal(result.meaningChanged, true);
    assert.match(turn.reply, /Se dice «quiero un café»/);
  });

  it('gives the next useful phrase when the learner is stuck', async () => {
    const turn = await talk.type('No sé qué decir.');
    assert.deepEqual(turn.toolCalls, [{ name: 'hint_generator', arguments: {} }]);
    assert.equal(turn.reply, 'Ay... Diga: «Y una tostada con tomate, por favor.»');
  });

  it('understands a spoken Spanish order through the English model and the café grammar', async () => {
    // One of the 3 in 10 café phrases espeak-ng's Spanish voice gets through exactly (see README).
    const speech = await synthesizeSpeech('quiero una tostada con tomate', {
      kind: 'espeak',
      voice: 'es',
    });
    const turn = await talk.speak(speech);
    assert.equal(turn.heard, 'quiero una tostada con tomate');
    assert.equal(turn.toolCalls[0]?.name, 'grammar_check', JSON.stringify(turn));
    assert.equal(turn.reply, 'Marchando: una tostada. ¿Algo más?');
  });
});
