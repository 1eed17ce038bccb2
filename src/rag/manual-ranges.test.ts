import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseManualRanges } from './manual-ranges.ts';

describe('parseManualRanges', () => {
  it('reads the component id and ranges with units from the key suffix', () => {
    const parsed = parseManualRanges(
      '---\ncomponent: PMP-200\nranges:\n  discharge_pressure_bar: 2.0-6.5\n  vibration_mm_s: 0-7.1\n---\n# x\n',
    );
    assert.equal(parsed.componentId, 'PMP-200');
    assert.deepEqual(parsed.ranges, {
      discharge_pressure_bar: { min: 2, max: 6.5, unit: 'bar' },
      vibration_mm_s: { min: 0, max: 7.1, unit: 'mm/s' },
    });
  });

  it('prefers a unit written after the range and accepts negative bounds', () => {
    const parsed = parseManualRanges(
      '---\nranges:\n  inlet_temperature: -20 to 40 °C\n  speed: 1450-1500 rpm\n---\n',
    );
    assert.deepEqual(parsed.ranges['inlet_temperature'], { min: -20, max: 40, unit: '°C' });
    assert.deepEqual(parsed.ranges['speed'], { min: 1450, max: 1500, unit: 'rpm' });
  });

  it('skips values that are not ranges', () => {
    const parsed = parseManualRanges('---\nranges:\n  note: see manual\n---\n');
    assert.deepEqual(parsed.ranges, {});
  });

  it('returns an empty result for text without a header', () => {
    assert.deepEqual(parseManualRanges('# Just text'), { componentId: '', ranges: {} });
  });
});
