import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fillTemplate } from './template.ts';

describe('fillTemplate', () => {
  it('fills slots and nested result paths', () => {
    const text = fillTemplate('Order {order_id} is {result.status}, due {result.eta.day}.', {
      slots: { order_id: '4571' },
      result: { status: 'shipped', eta: { day: 'Friday' } },
      language: 'en',
    });
    assert.equal(text, 'Order 4571 is shipped, due Friday.');
  });

  it('spaces digits so speech reads them one by one', () => {
    const text = fillTemplate('Order {order_id:digits}.', {
      slots: { order_id: '4571' },
      language: 'en',
    });
    assert.equal(text, 'Order 4 5 7 1.');
  });

  it('joins arrays as a spoken list in English and Spanish', () => {
    const result = { items: ['tea', 'toast', 'jam'] };
    assert.equal(
      fillTemplate('You have {result.items}.', { slots: {}, result, language: 'en' }),
      'You have tea, toast and jam.',
    );
    assert.equal(
      fillTemplate('Tienes {result.items}.', { slots: {}, result, language: 'es-ES' }),
      'Tienes tea, toast y jam.',
    );
  });

  it('reads array elements by index and objects by their name', () => {
    const result = { items: [{ name: 'Valve', id: 7 }] };
    assert.equal(
      fillTemplate('{result.items.0} has id {result.items.0.id}', {
        slots: {},
        result,
        language: 'en',
      }),
      'Valve has id 7',
    );
  });

  it('uses the default after "|" when the value is missing, and drops the gap otherwise', () => {
    assert.equal(
      fillTemplate('Arriving {result.eta|soon}.', { slots: {}, result: {}, language: 'en' }),
      'Arriving soon.',
    );
    assert.equal(
      fillTemplate('Done {result.missing}.', { slots: {}, result: {}, language: 'en' }),
      'Done.',
    );
  });

  it('writes a Spanish decimal with a comma', () => {
    assert.equal(
      fillTemplate('Son {result.total} euros.', {
        slots: {},
        result: { total: 3.5 },
        language: 'es',
      }),
      'Son 3,5 euros.',
    );
  });
});
