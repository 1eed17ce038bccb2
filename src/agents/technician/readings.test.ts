import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadManuals } from './manuals.ts';
import { checkReading, findRange } from './readings.ts';

const manuals = loadManuals(join(import.meta.dirname, 'knowledge'));
const pump = manuals.get('PMP-200')!;

describe('technician readings', () => {
  it('loads every bundled manual with its ranges', () => {
    assert.equal(manuals.size, 7);
    assert.deepEqual(pump.ranges[0], ['discharge_pressure_bar', { min: 2, max: 6.5, unit: 'bar' }]);
  });

  it('reads a bare "pressure" on a pump as its discharge pressure', () => {
    assert.equal(findRange(pump, 'pressure')?.key, 'discharge_pressure_bar');
    assert.equal(findRange(pump, 'suction pressure')?.key, 'suction_pressure_bar');
    assert.equal(findRange(pump, 'voltage'), undefined);
  });

  it('alerts above the maximum and below the minimum, and not inside', () => {
    const { key, range } = findRange(pump, 'pressure')!;
    assert.equal(
      checkReading(pump, key, range, 7.2).message,
      "ALERT: 7.2 bar is above the 6.5 bar maximum for PMP-200 discharge pressure. Act now: follow the manual's safety steps.",
    );
    assert.equal(checkReading(pump, key, range, 1.5).status, 'ALERT');
    assert.equal(checkReading(pump, key, range, 6.5).status, 'OK');
  });
});
