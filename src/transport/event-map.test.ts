import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProviderError } from '../spec/errors.ts';
import { sessionEventToWire } from './event-map.ts';

describe('sessionEventToWire', () => {
  it('sends agent audio as a binary frame of its samples', () => {
    const samples = new Int16Array(480);
    const out = sessionEventToWire({
      type: 'agent.audio',
      turnId: 2,
      chunk: { samples, sampleRate: 24_000 },
      offsetMs: 40,
    });
    assert.deepEqual(out, { kind: 'audio', turnId: 2, samples });
  });

  it('passes interrupt on with the heard text', () => {
    assert.deepEqual(
      sessionEventToWire({ type: 'interrupt', turnId: 4, heardText: 'Your order' }),
      {
        kind: 'json',
        message: { type: 'interrupt', turnId: 4, heardText: 'Your order' },
      },
    );
  });

  it('keeps tool results, word timings and retrieved passages on the server', () => {
    const result = sessionEventToWire({
      type: 'tool.result',
      turnId: 1,
      toolCallId: 'c1',
      name: 'lookup',
      ok: true,
      result: { secret: 'x' },
    });
    assert.equal(JSON.stringify(result).includes('secret'), false);
    assert.equal(sessionEventToWire({ type: 'retrieval', turnId: 1, passages: [] }).kind, 'none');
  });

  it('sends word timings so the client can show subtitles in step with the audio', () => {
    assert.deepEqual(
      sessionEventToWire({ type: 'agent.word', turnId: 2, word: 'café', startMs: 120, endMs: 480 }),
      {
        kind: 'json',
        message: { type: 'agent.word', turnId: 2, word: 'café', startMs: 120, endMs: 480 },
      },
    );
  });

  it('reports a session error with its code and fatality', () => {
    const error = new ProviderError('upstream down', { provider: 'x', retryable: true });
    assert.deepEqual(sessionEventToWire({ type: 'error', error, fatal: false }), {
      kind: 'json',
      message: {
        type: 'error',
        code: 'session-error',
        message: 'provider: upstream down',
        fatal: false,
      },
    });
  });
});
