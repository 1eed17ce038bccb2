import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { createMemoryTrimmer, glibcMallocTrim } from './native-memory.ts';

describe('giving freed native memory back after sessions end', () => {
  it('trims once when sessions stop closing for a quiet moment', async () => {
    let calls = 0;
    const trimmer = createMemoryTrimmer({ quietMs: 30, minIntervalMs: 0, trim: () => calls++ });
    trimmer.sessionClosed();
    trimmer.sessionClosed();
    await sleep(5);
    trimmer.sessionClosed();
    assert.equal(calls, 0, 'not while sessions are still closing');
    await sleep(300);
    assert.equal(calls, 1);
    trimmer.close();
  });

  it('trims at most once per interval however often sessions close', async () => {
    let calls = 0;
    const trimmer = createMemoryTrimmer({ quietMs: 1, minIntervalMs: 400, trim: () => calls++ });
    trimmer.sessionClosed();
    await sleep(100);
    trimmer.sessionClosed();
    await sleep(100);
    assert.equal(calls, 1, 'the second waits for the interval');
    await sleep(600);
    assert.equal(calls, 2);
    trimmer.close();
  });

  it('leaves no timer after close', async () => {
    let calls = 0;
    const trimmer = createMemoryTrimmer({ quietMs: 20, trim: () => calls++ });
    trimmer.sessionClosed();
    trimmer.close();
    trimmer.sessionClosed();
    await sleep(100);
    assert.equal(calls, 0);
  });

  it("calls glibc's malloc_trim on Linux", { skip: process.platform !== 'linux' }, () => {
    const trim = glibcMallocTrim();
    assert.ok(trim, 'koffi and glibc are installed here');
    const started = performance.now();
    trim();
    console.log(`malloc_trim(0): ${(performance.now() - started).toFixed(1)} ms`);
  });
});
