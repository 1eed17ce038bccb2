import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goalRatio, renderChart } from './chart.ts';
import { meetsGoal, type Figure, type SectionResult } from './figures.ts';
import { renderTable } from './report.ts';

const under: Figure = {
  name: 'overhead p99',
  value: 12,
  unit: 'ms',
  goal: { op: '<=', value: 10, label: '≤ 10 ms' },
};
const over: Figure = {
  name: 'sessions',
  value: 250,
  unit: 'sessions',
  goal: { op: '>=', value: 200, label: '≥ 200' },
};

describe('bench report', () => {
  it('judges ≤ and ≥ goals in their own direction', () => {
    assert.equal(meetsGoal(under), false);
    assert.equal(meetsGoal(over), true);
    assert.equal(meetsGoal({ name: 'no goal', value: 1, unit: 'ms' }), undefined);
  });

  it('puts each figure beside its goal and verdict, and names sections that could not run', () => {
    const sections: SectionResult[] = [
      { id: 'a', title: 'A', figures: [under, over], notes: [], details: {} },
      { id: 'b', title: 'B', figures: [], notes: [], details: {}, unavailable: 'no flite' },
    ];
    const table = renderTable(sections);
    assert.match(table, /\| overhead p99 \| 12 ms \| ≤ 10 ms \| NOT met \|/);
    assert.match(table, /\| sessions \| 250 sessions \| ≥ 200 \| met \|/);
    assert.match(table, /\| B \| not available: no flite \|/);
  });

  it('draws one bar per goal figure, scaled so that the goal is 1', () => {
    assert.equal(goalRatio(under), 1.2);
    assert.equal(goalRatio(over), 0.8);
    const svg = renderChart([under, over, { name: 'plain', value: 3, unit: 'ms' }], 'T');
    assert.equal(svg.match(/<rect x=/g)?.length, 2);
  });
});
