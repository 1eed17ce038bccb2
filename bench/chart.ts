import { meetsGoal, type Figure } from './figures.ts';
import { round } from './stats.ts';

/** A figure's value with its unit, as the table and chart show it. */
export function formatValue(figure: Figure): string {
  if (figure.value === undefined) return 'n/a';
  if (figure.unit === 'x') return `${figure.value.toFixed(2)}×`;
  return `${round(figure.value)} ${figure.unit}`;
}

const ROW_PX = 34;
const LABEL_PX = 330;
const BAR_PX = 420;
const MAX_SCALE = 3;

/** "Distance from goal": measured ÷ goal for ≤ goals, goal ÷ measured for ≥ goals; ≤ 1 meets it. */
export function goalRatio(figure: Figure): number | undefined {
  if (figure.goal === undefined || figure.value === undefined || figure.value <= 0)
    return undefined;
  return figure.goal.op === '<='
    ? figure.value / figure.goal.value
    : figure.goal.value / figure.value;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A hand-written SVG bar chart: each goal figure as a share of its goal (the line at 1×). */
export function renderChart(figures: readonly Figure[], title: string): string {
  const rows = figures.filter((f) => f.goal !== undefined);
  const heightPx = 70 + rows.length * ROW_PX + 40;
  const widthPx = LABEL_PX + BAR_PX + 140;
  const x = (ratio: number) => LABEL_PX + (Math.min(ratio, MAX_SCALE) / MAX_SCALE) * BAR_PX;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${widthPx}" height="${heightPx}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="12" y="24" font-size="15" font-weight="bold">${escapeXml(title)}</text>`,
    `<text x="12" y="44" fill="#555">Bar = measured against goal (shorter is better; the dashed line is the goal; capped at ${MAX_SCALE}×)</text>`,
  ];
  rows.forEach((figure, index) => {
    const y = 62 + index * ROW_PX;
    const ratio = goalRatio(figure);
    const met = meetsGoal(figure);
    const color = met === true ? '#2da44e' : met === false ? '#cf222e' : '#8c959f';
    parts.push(`<text x="12" y="${y + 16}">${escapeXml(figure.name)}</text>`);
    if (ratio === undefined) {
      parts.push(`<text x="${LABEL_PX}" y="${y + 16}" fill="#8c959f">not measured</text>`);
      return;
    }
    parts.push(
      `<rect x="${LABEL_PX}" y="${y + 4}" width="${Math.max(1, x(ratio) - LABEL_PX)}" height="18" fill="${color}"/>`,
      `<text x="${x(ratio) + 6}" y="${y + 17}">${escapeXml(formatValue(figure))} (goal ${escapeXml(figure.goal?.label ?? '')})</text>`,
    );
  });
  const goalX = x(1);
  parts.push(
    `<line x1="${goalX}" y1="56" x2="${goalX}" y2="${heightPx - 30}" stroke="#000" stroke-dasharray="4 3"/>`,
    `<text x="${goalX - 12}" y="${heightPx - 14}">goal</text>`,
    '</svg>',
  );
  return parts.join('\n') + '\n';
}
