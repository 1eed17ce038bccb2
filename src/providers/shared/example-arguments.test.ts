import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exampleArguments } from './example-arguments.ts';

describe('exampleArguments', () => {
  it('fills each required property from the example its description quotes', () => {
    const schema = {
      type: 'object',
      properties: {
        order_id: { type: 'string', description: 'The order number, e.g. "4571".' },
        postcode: { type: 'string', description: 'Optional, e.g. "28013".' },
      },
      required: ['order_id'],
    };
    assert.deepEqual(exampleArguments(schema, 'where is my order'), { order_id: '4571' });
  });

  it('uses the first enum value, a number, a boolean or else the user words', () => {
    const schema = {
      properties: {
        size: { type: 'string', enum: ['small', 'large'] },
        count: { type: 'integer' },
        urgent: { type: 'boolean' },
        text: { type: 'string' },
      },
      required: ['size', 'count', 'urgent', 'text'],
    };
    assert.deepEqual(exampleArguments(schema, ' un café '), {
      size: 'small',
      count: 1,
      urgent: true,
      text: 'un café',
    });
  });

  it('gives no arguments to a tool without a schema', () => {
    assert.deepEqual(exampleArguments(undefined, 'hi'), {});
  });
});
