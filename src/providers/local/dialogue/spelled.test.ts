import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DialogueIntent } from '../../../spec/dialogue.ts';
import { decideAfter } from './decide-helpers.ts';
import { spelledUtterance } from './slots.ts';
import { cafeScript } from './test-scripts.ts';

const order = cafeScript.intents.find((intent) => intent.name === 'pedir') as DialogueIntent;
const withSaid: DialogueIntent = { ...order, toolArguments: { frase: '{said}' } };
const script = { ...cafeScript, intents: [withSaid, ...cafeScript.intents.slice(1)] };

describe('the words said, as the script spells them', () => {
  it('spells the value heard as the script does, keeping the rest of the words', () => {
    for (const [heard, spelled] of [
      ['quiero un cafe con leche', 'quiero un café con leche'],
      ['un cafe con lecha por favor', 'un café con leche por favor'],
      ['me pone un cortada', 'me pone un cortado'],
      ['dos expresos', 'dos expresos'],
      ['hola, quiero un té', 'hola, quiero un té'],
      ['nada', 'nada'],
    ] as const) {
      assert.equal(spelledUtterance(order, heard), spelled, heard);
    }
  });

  it('is what a tool argument templated with {said} gets', () => {
    for (const [lines, frase] of [
      [['un cafe con lecha por favor'], 'un café con leche por favor'],
      [['quería pedir', '¿Qué te pongo?', 'un cortado'], 'un cortado'],
    ] as const) {
      const decision = decideAfter(script, lines, 'es-ES');
      assert.equal(decision.type === 'call' ? decision.args['frase'] : decision, frase);
    }
  });
});
