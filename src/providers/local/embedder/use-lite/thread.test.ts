import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { AbortedError, ClosedError, ProviderError } from '../../../../spec/errors.ts';
import { createUseLiteEmbedder, useLiteAvailable } from './embedder.ts';
import { EmbeddingThread } from './thread.ts';

const signal = new AbortController().signal;
const crashing = new URL('./crashing-worker.fixture.ts', import.meta.url);

describe('embedding thread: queue, abort, crash and close', () => {
  it('answers batches in order from one thread', async () => {
    const thread = new EmbeddingThread({ script: crashing });
    const [a, b] = await Promise.all([
      thread.embed(['one', 'three'], signal),
      thread.embed(['four!'], signal),
    ]);
    assert.deepEqual(
      [...(a ?? []), ...(b ?? [])].map((v) => v[0]),
      [3, 5, 5],
    );
    assert.equal(thread.startedThreads, 1);
    await thread.close();
  });

  it('rejects a queued batch on abort and never sends it', async () => {
    const thread = new EmbeddingThread({ script: crashing });
    const controller = new AbortController();
    const first = thread.embed(['first'], signal);
    const queued = thread.embed(['crash'], controller.signal); // would kill the thread if sent
    controller.abort();
    await assert.rejects(queued, AbortedError);
    assert.equal((await first)[0]?.[0], 5);
    assert.equal((await thread.embed(['after'], signal))[0]?.[0], 5);
    assert.equal(thread.startedThreads, 1, 'the aborted batch never reached the thread');
    await thread.close();
  });

  it('turns a thread crash into a retryable ProviderError and starts a new thread', async () => {
    const thread = new EmbeddingThread({ script: crashing });
    const firstThread = (await thread.embed(['x'], signal))[0]?.[1];
    const error = await thread.embed(['crash'], signal).then(
      () => assert.fail('a crash must reject'),
      (caught: unknown) => caught,
    );
    assert.ok(error instanceof ProviderError, String(error));
    assert.equal(error.retryable, true);
    assert.match(error.message, /stopped \(exit code 1\)/);
    assert.match(String((error.cause as Error).message), /crashed on purpose/);
    const secondThread = (await thread.embed(['x'], signal))[0]?.[1];
    assert.equal(thread.startedThreads, 2);
    assert.notEqual(secondThread, firstThread);
    await thread.close();
  });

  it('leaves no thread after close, and refuses work from then on', async () => {
    const thread = new EmbeddingThread({ script: crashing });
    await thread.embed(['warm'], signal);
    assert.equal(thread.running, true);
    const pending = assert.rejects(thread.embed(['late'], signal), ClosedError);
    await thread.close();
    assert.equal(thread.running, false);
    await pending;
    await assert.rejects(thread.embed(['x'], signal), ClosedError);
  });
});

describe('USE-lite on its own thread (real weights)', { skip: !useLiteAvailable() }, () => {
  const thread = new EmbeddingThread();
  after(() => thread.close());
  const texts = ['I want a refund', 'where is my order 4571', '', 'the pump is leaking oil'];

  it('gives the same vectors as embedding on the main thread', async () => {
    const onThread = await createUseLiteEmbedder({ thread }).embed(texts, signal);
    const onMain = await createUseLiteEmbedder({ thread: 'main' }).embed(texts, signal);
    assert.equal(onThread.length, texts.length);
    for (const [i, vector] of onThread.entries()) {
      const other = onMain[i] ?? new Float32Array();
      assert.equal(vector.length, 512);
      const maxDiff = vector.reduce((max, x, j) => Math.max(max, Math.abs(x - (other[j] ?? 0))), 0);
      assert.ok(maxDiff < 1e-5, `text ${i}: differs by ${maxDiff}`);
    }
  });

  it('keeps the main thread free while a large batch embeds', async () => {
    const many = Array.from({ length: 128 }, (_, i) => `please check the status of order ${i}`);
    let longestGapMs = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      longestGapMs = Math.max(longestGapMs, now - last);
      last = now;
    }, 5);
    const started = performance.now();
    await createUseLiteEmbedder({ thread }).embed(many, signal);
    const tookMs = performance.now() - started;
    clearInterval(ticker);
    console.log(
      `128 texts on the thread: ${tookMs.toFixed(0)} ms; longest main-thread gap ${longestGapMs.toFixed(0)} ms`,
    );
    // The embedding itself takes seconds; the main thread's timer keeps ticking meanwhile.
    assert.ok(longestGapMs < tookMs / 2, `gap ${longestGapMs} ms of ${tookMs} ms`);
  });

  it('rejects an in-flight batch at once when aborted', async () => {
    const controller = new AbortController();
    const many = Array.from({ length: 64 }, (_, i) => `a long enough sentence number ${i}`);
    const pending = createUseLiteEmbedder({ thread }).embed(many, controller.signal);
    setTimeout(() => controller.abort(), 5);
    await assert.rejects(pending, AbortedError);
    const [vector] = await createUseLiteEmbedder({ thread }).embed(['still works'], signal);
    assert.equal(vector?.length, 512);
  });
});
