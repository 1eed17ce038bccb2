import type { TurnMetrics } from '../../../src/spec/metrics.ts';
import { element } from '../element.ts';
import { detailRows } from './latency.ts';
import { formatSeconds, type Strings } from './strings.ts';

/**
 * Under a reply: one plain headline ("answered in 0.42 s", the heard figure)
 * and the engineering breakdown behind a "details" toggle.
 */
export class LatencyView {
  readonly element = element('div', { class: 'latency' });
  readonly #headline = element('span', { class: 'headline' });
  readonly #details = element('details');
  readonly #list = element('dl');
  readonly #strings: Strings;
  readonly #lang: 'en' | 'es';
  #figures: Partial<TurnMetrics> & { heardMs?: number } = {};

  constructor(strings: Strings, lang: 'en' | 'es') {
    this.#strings = strings;
    this.#lang = lang;
    this.#details.append(element('summary', {}, strings.details), this.#list);
    this.element.append(this.#headline, this.#details);
    this.element.hidden = true;
  }

  update(figures: Partial<TurnMetrics> & { heardMs?: number }): void {
    this.#figures = { ...this.#figures, ...figures };
    const round = (ms: number | undefined) => (ms === undefined ? undefined : Math.round(ms));
    const heardMs = round(this.#figures.heardMs);
    const interruptMs = round(this.#figures.interruptMs);
    const parts: string[] = [];
    if (heardMs !== undefined)
      parts.push(this.#strings.answeredIn(formatSeconds(heardMs, this.#lang)));
    if (interruptMs !== undefined)
      parts.push(this.#strings.stoppedIn(formatSeconds(interruptMs, this.#lang)));
    this.#headline.textContent = parts.join(' · ');
    const rows = detailRows(this.#figures);
    this.#list.replaceChildren(
      ...rows.flatMap(([key, ms]) => [
        element('dt', {}, this.#strings.latencyLabels[key] ?? key),
        element('dd', { 'data-key': key }, `${formatSeconds(ms, this.#lang)} s`),
      ]),
    );
    // A turn with no one waiting for it (the greeting) gets no headline, so nothing at all.
    this.element.hidden = parts.length === 0;
    this.element.dataset['heardMs'] = heardMs === undefined ? '' : String(Math.round(heardMs));
  }
}
