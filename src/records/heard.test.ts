import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { heardAndUnheard } from './heard.ts';

describe('heardAndUnheard', () => {
  it('splits an interrupted reply at the words heard', () => {
    assert.deepEqual(
      heardAndUnheard({
        agentText: 'Your order ships Monday. It arrives Tuesday.',
        heardText: 'Your order ships',
      }),
      { heard: 'Your order ships', unheard: 'Monday. It arrives Tuesday.' },
    );
  });

  it('leaves nothing unheard for a reply played to its end', () => {
    assert.deepEqual(heardAndUnheard({ agentText: 'Hello there.', heardText: 'Hello there.' }), {
      heard: 'Hello there.',
      unheard: '',
    });
  });

  it('counts words when the heard estimate is spelled differently', () => {
    assert.deepEqual(
      heardAndUnheard({ agentText: 'It costs 12 euros today.', heardText: 'it costs twelve' }),
      {
        heard: 'it costs twelve',
        unheard: 'euros today.',
      },
    );
  });

  it('marks all of it unheard when nothing was heard', () => {
    assert.deepEqual(heardAndUnheard({ agentText: 'Welcome.', heardText: '' }), {
      heard: '',
      unheard: 'Welcome.',
    });
  });
});
