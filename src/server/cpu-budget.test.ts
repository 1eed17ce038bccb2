import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CpuBudget } from './cpu-budget.ts';

function budgetAt(startMs = 0) {
  const clock = { nowMs: startMs };
  const budget = new CpuBudget({ cpuMsPerSecond: 100, burstCpuMs: 300 }, () => clock.nowMs);
  return { clock, budget };
}

describe('CPU budget (token bucket of main-thread milliseconds)', () => {
  it('lets a session spend its burst, then is exhausted', () => {
    const { budget } = budgetAt();
    budget.update(299);
    assert.equal(budget.exhausted, false);
    budget.update(300);
    assert.equal(budget.exhausted, true);
  });

  it('goes into debt for work already done and says how long until it is repaid', () => {
    const { clock, budget } = budgetAt();
    budget.update(500); // 300 burst − 500 used
    assert.equal(budget.balanceMs, -200);
    assert.equal(budget.retryAfterMs, 2_010);
    clock.nowMs = 2_000;
    budget.update(500);
    assert.equal(budget.exhausted, true, 'exactly zero is still exhausted');
    clock.nowMs = 2_020;
    budget.update(500);
    assert.equal(budget.exhausted, false);
  });

  it('refills at the sustained rate but never above the burst', () => {
    const { clock, budget } = budgetAt();
    clock.nowMs = 60_000;
    budget.update(0);
    assert.equal(budget.balanceMs, 300);
  });

  it('charges only what the account added since the last update', () => {
    const { clock, budget } = budgetAt();
    budget.update(100);
    clock.nowMs = 1_000; // +100 refill
    budget.update(150); // −50
    assert.equal(budget.balanceMs, 250);
  });

  it('holds a session that uses its rate steadily at a steady balance', () => {
    const { clock, budget } = budgetAt();
    for (let second = 1; second <= 100; second++) {
      clock.nowMs = second * 1000;
      budget.update(second * 100);
    }
    assert.equal(budget.balanceMs, 200);
    budget.update(100 * 100 + 200);
    assert.equal(budget.exhausted, true);
  });

  it('refuses a budget without a positive rate or burst', () => {
    assert.throws(() => new CpuBudget({ cpuMsPerSecond: 0, burstCpuMs: 1 }, () => 0), RangeError);
    assert.throws(() => new CpuBudget({ cpuMsPerSecond: 1, burstCpuMs: NaN }, () => 0), RangeError);
  });
});
