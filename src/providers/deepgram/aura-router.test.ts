import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { WsFrame } from '../shared/routed-socket.ts';
import { AuraRouter } from './aura-router.ts';

const audio: WsFrame = { type: 'binary', data: Buffer.alloc(4) };
const message = (type: string): WsFrame => ({ type: 'text', data: JSON.stringify({ type }) });

describe('Aura frame router', () => {
  it('sends every frame to the reply whose turn it is, and drops frames between turns', async () => {
    const router = new AuraRouter();
    assert.equal(router.route(message('Metadata')), 'drop');
    await router.takeTurn('reply-1', new AbortController().signal);
    assert.deepEqual(router.route(audio), { to: 'reply-1' });
    assert.deepEqual(router.route(message('Flushed')), { to: 'reply-1' });
    router.endTurn('reply-1');
    assert.equal(router.route(audio), 'drop');
  });

  it('drops what was on the way after a Clear until the server says Cleared', async () => {
    const router = new AuraRouter();
    await router.takeTurn('reply-1', new AbortController().signal);
    router.clearing = true;
    router.endTurn('reply-1');
    await router.takeTurn('reply-2', new AbortController().signal);
    assert.equal(router.route(audio), 'drop', 'the interrupted reply’s audio');
    assert.equal(router.route(message('Flushed')), 'drop', 'its Flushed');
    assert.equal(router.route(message('Cleared')), 'drop');
    assert.deepEqual(router.route(audio), { to: 'reply-2' });
  });

  it('lets a second reply speak only once the first has ended', async () => {
    const router = new AuraRouter();
    await router.takeTurn('reply-1', new AbortController().signal);
    let second = false;
    const waiting = router.takeTurn('reply-2', new AbortController().signal).then(() => {
      second = true;
    });
    await Promise.resolve();
    assert.equal(second, false);
    router.endTurn('reply-1');
    await waiting;
    assert.deepEqual(router.route(audio), { to: 'reply-2' });
  });

  it('stops waiting for a turn when the reply is aborted, and skips it afterwards', async () => {
    const router = new AuraRouter();
    await router.takeTurn('reply-1', new AbortController().signal);
    const abort = new AbortController();
    const waiting = router.takeTurn('reply-2', abort.signal);
    abort.abort();
    await assert.rejects(waiting);
    const third = router.takeTurn('reply-3', new AbortController().signal);
    router.endTurn('reply-1');
    await third;
    assert.deepEqual(router.route(audio), { to: 'reply-3' });
  });
});
