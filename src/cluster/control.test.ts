import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseControlMessage } from './control.ts';

describe('parseControlMessage', () => {
  it('reads end, transfer and config messages', () => {
    assert.deepEqual(parseControlMessage('{"type":"end","sessionId":"s","reason":"abuse"}'), {
      type: 'end',
      sessionId: 's',
      reason: 'abuse',
    });
    assert.equal(
      parseControlMessage('{"type":"transfer","sessionId":"s","target":"+15550100"}')?.type,
      'transfer',
    );
    assert.deepEqual(parseControlMessage('{"type":"config","config":{"maxSessions":12}}'), {
      type: 'config',
      config: { maxSessions: 12 },
    });
  });

  it('refuses malformed messages without throwing', () => {
    for (const text of [
      'not json',
      'null',
      '{"type":"end","sessionId":""}',
      '{"type":"config","config":{"maxSessions":-1}}',
      '{"type":"reboot"}',
    ])
      assert.equal(parseControlMessage(text), undefined, text);
  });
});
