import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_TEXT_INPUT_CHARS, parseClientMessage, validateClientMessage } from './validate.ts';

function code(value: unknown): string | undefined {
  const result = validateClientMessage(value);
  return result.ok ? undefined : result.error.code;
}

describe('validateClientMessage', () => {
  it('accepts a session.start with an optional token', () => {
    const result = validateClientMessage({
      type: 'session.start',
      agent: 'cafe',
      sampleRate: 16000,
      token: 't',
    });
    assert.deepEqual(result, {
      ok: true,
      message: { type: 'session.start', agent: 'cafe', sampleRate: 16000, token: 't' },
    });
  });

  it('accepts playback.position, text.input and ptt messages', () => {
    assert.equal(code({ type: 'playback.position', turnId: 3, playedMs: 1520.5 }), undefined);
    assert.equal(code({ type: 'text.input', text: 'hello' }), undefined);
    assert.equal(code({ type: 'ptt.down' }), undefined);
    assert.equal(code({ type: 'ptt.up' }), undefined);
  });

  it('rejects values that are not objects with a string type', () => {
    assert.equal(code(null), 'bad-message');
    assert.equal(code('session.start'), 'bad-message');
    assert.equal(code([{ type: 'ptt.up' }]), 'bad-message');
    assert.equal(code({ type: 7 }), 'bad-message');
  });

  it('names an unknown type as unknown-type', () => {
    const result = validateClientMessage({ type: 'rm -rf' });
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.error.message, /unknown message type "rm -rf"/);
  });

  it('rejects unexpected fields so typos do not pass silently', () => {
    assert.equal(code({ type: 'ptt.down', force: true }), 'bad-message');
    assert.equal(
      code({ type: 'session.start', agent: 'a', sampleRate: 16000, tools: [] }),
      'bad-message',
    );
  });

  it('rejects a fractional, negative or missing sample rate', () => {
    assert.equal(code({ type: 'session.start', agent: 'a', sampleRate: 16000.5 }), 'bad-message');
    assert.equal(code({ type: 'session.start', agent: 'a', sampleRate: -1 }), 'bad-message');
    assert.equal(code({ type: 'session.start', agent: 'a' }), 'bad-message');
  });

  it('rejects empty and over-long typed text', () => {
    assert.equal(code({ type: 'text.input', text: '   ' }), 'bad-message');
    assert.equal(
      code({ type: 'text.input', text: 'a'.repeat(MAX_TEXT_INPUT_CHARS + 1) }),
      'bad-message',
    );
  });

  it('rejects non-finite and negative playback positions', () => {
    assert.equal(code({ type: 'playback.position', turnId: 1, playedMs: -1 }), 'bad-message');
    assert.equal(code({ type: 'playback.position', turnId: 1.5, playedMs: 10 }), 'bad-message');
    assert.equal(code({ type: 'playback.position', turnId: 1, playedMs: 1e12 }), 'bad-message');
  });
});

describe('parseClientMessage', () => {
  it('reports invalid JSON as bad-json', () => {
    const result = parseClientMessage('{"type":');
    assert.equal(result.ok ? undefined : result.error.code, 'bad-json');
  });
});
