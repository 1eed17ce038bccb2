import type { WaterfallBar } from '../../src/telemetry/calls/model.ts';

const SVG = 'http://www.w3.org/2000/svg';
const COLORS: Record<string, string> = {
  'parley.turn': '#cbd5e1',
  'parley.endpointing': '#f59e0b',
  'parley.stt.final': '#a855f7',
  'parley.retrieval': '#14b8a6',
  'parley.tts.first_audio': '#ec4899',
  'parley.playback': '#22c55e',
  'parley.interruption': '#ef4444',
};

function el<K extends keyof SVGElementTagNameMap>(
  name: K,
  attributes: Record<string, string | number>,
): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  return node;
}

const label = (name: string) => name.replace(/^parley\./, '').replace(/_/g, ' ');

/** A turn's latency waterfall as an SVG bar chart: one row a stage, time across. */
export function waterfallChart(bars: readonly WaterfallBar[]): SVGSVGElement {
  const rowPx = 18;
  const labelPx = 170;
  const widthPx = 760;
  const totalMs = Math.max(1, ...bars.map((b) => b.endMs));
  const scale = (widthPx - labelPx - 30) / totalMs;
  const heightPx = bars.length * rowPx + 22;
  const svg = el('svg', { class: 'waterfall', viewBox: `0 0 ${widthPx} ${heightPx}`, role: 'img' });
  svg.setAttribute('aria-label', 'latency waterfall');
  bars.forEach((bar, row) => {
    const y = row * rowPx + 4;
    const text = el('text', { class: 'label', x: 4, y: y + 11 });
    text.textContent = label(bar.name);
    svg.append(text);
    const color = bar.error
      ? '#b91c1c'
      : (COLORS[bar.name] ?? (bar.name.startsWith('execute_tool') ? '#0ea5e9' : '#6366f1'));
    const rect = el('rect', {
      x: labelPx + bar.startMs * scale,
      y,
      width: Math.max(2, (bar.endMs - bar.startMs) * scale),
      height: rowPx - 6,
      fill: color,
      rx: 2,
    });
    const title = el('title', {});
    title.textContent = `${label(bar.name)}: ${Math.round(bar.startMs)}–${Math.round(bar.endMs)} ms`;
    rect.append(title);
    svg.append(rect);
  });
  const axisY = bars.length * rowPx + 16;
  for (let i = 0; i <= 4; i += 1) {
    const ms = (totalMs * i) / 4;
    const tick = el('text', {
      class: 'axis',
      x: labelPx + ms * scale,
      y: axisY,
      'text-anchor': 'middle',
    });
    tick.textContent = `${Math.round(ms)} ms`;
    svg.append(tick);
  }
  return svg;
}
