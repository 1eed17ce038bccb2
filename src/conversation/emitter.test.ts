import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SessionEvent } from '../spec/events.ts';
import { createEmitter } from './emitter.ts';
import { normaliseError } from './errors.ts';
import { ParleyError, ProviderError } from '../spec/errors.ts';

const text = (t: string): SessionEvent => ({ type: 'transcript.final', text: t });

describe('createEmitter', () => {
  it('replays what came before the first subscriber to it, and only to it', () => {
    const emitter = createEmitter();
    emitter.emit(text('greeting'));
    const first: SessionEvent[] = [];
    const second: SessionEvent[] = [];
    emitter.subscribe((e) => first.push(e));
    emitter.subscribe((e) => second.push(e));
    emitter.emit(text('after'));
    assert.deepEqual(first, [text('greeting'), text('after')]);
    assert.deepEqual(second, [text('after')]);
  });

  it('emits nothing after close', () => {
    const emitter = createEmitter();
    const seen: SessionEvent[] = [];
    emitter.subscribe((e) => seen.push(e));
    emitter.close();
    emitter.emit(text('late'));
    assert.deepEqual(seen, []);
  });
});

describe('normaliseError', () => {
  it('passes a ParleyError through unchanged', () => {
    const error = new ProviderError('upstream 500', { provider: 'openai', retryable: true });
    assert.equal(normaliseError(error, 'llm'), error);
  });

  it('wraps anything else in a ProviderError naming the stage, with the cause', () => {
    const cause = new TypeError('index not loaded');
    const error = normaliseError(cause, 'retrieval');
    assert.ok(ParleyError.isInstance(error));
    assert.equal(error.message, 'retrieval failed: TypeError: index not loaded');
    assert.equal(error.cause, cause);
    assert.equal(normaliseError('boom', 'tts', 'flite').message, 'tts failed: boom');
  });
});
