import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { openCpuAccount, openCpuAccountCount } from './cpu-accounting.ts';

/** Holds the thread for `ms` (synchronous work, as a matcher or a recogniser does). */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe('main-thread accounting per session', () => {
  it('charges work started in a run to its account, through timers and awaits', async () => {
    const heavy = openCpuAccount();
    const light = openCpuAccount();
    const done = [
      heavy.run(async () => {
        busy(20);
        await sleep(5);
        busy(20);
        await new Promise<void>((resolve) => setTimeout(() => (busy(20), resolve()), 5));
      }),
      light.run(async () => {
        await sleep(1);
        busy(1);
      }),
    ];
    await Promise.all(done);
    assert.ok(heavy.usedMs >= 59, `heavy ${heavy.usedMs} ms`);
    assert.ok(light.usedMs >= 1, `light ${light.usedMs} ms`);
    assert.ok(light.usedMs < 15, `light was charged for heavy work: ${light.usedMs} ms`);
    heavy.close();
    light.close();
  });

  it('charges a nested run to the inner account only', () => {
    const outer = openCpuAccount();
    const inner = openCpuAccount();
    outer.run(() => {
      busy(5);
      inner.run(() => busy(30));
      busy(5);
    });
    assert.ok(inner.usedMs >= 30, `inner ${inner.usedMs}`);
    assert.ok(outer.usedMs >= 10 && outer.usedMs < 25, `outer ${outer.usedMs}`);
    outer.close();
    inner.close();
  });

  it('charges nothing to no account and stops charging a closed one', async () => {
    const account = openCpuAccount();
    busy(20); // outside any run
    assert.ok(account.usedMs < 1, `charged ${account.usedMs} ms for work that was not its own`);
    const later = account.run(() => sleep(5).then(() => busy(20)));
    account.close();
    await later;
    assert.ok(account.usedMs < 5, `a closed account was charged ${account.usedMs} ms`);
  });

  it('turns its hook off when the last account closes', () => {
    const before = openCpuAccountCount();
    const a = openCpuAccount();
    const b = openCpuAccount();
    assert.equal(openCpuAccountCount(), before + 2);
    a.close();
    a.close();
    b.close();
    assert.equal(openCpuAccountCount(), before);
  });
});
