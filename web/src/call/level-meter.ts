import { element } from '../element.ts';

/**
 * A small level meter (decorative: the call state says the same in words).
 * `set` takes an RMS in [0, 1]; the bar follows a log scale so speech moves it.
 */
export class LevelMeter {
  readonly element: HTMLDivElement;
  readonly #fill = element('span', { class: 'fill' });

  constructor(id: string, label: string) {
    this.element = element('div', { id, class: 'level', title: label, 'aria-hidden': 'true' });
    this.element.append(element('span', { class: 'level-label' }, label), this.#fill);
  }

  set(rms: number): void {
    const db = 20 * Math.log10(Math.max(rms, 1e-5));
    const fraction = Math.max(0, Math.min(1, (db + 60) / 50)); // -60 dBFS → 0, -10 dBFS → 1
    this.#fill.style.transform = `scaleX(${fraction.toFixed(3)})`;
    this.element.dataset['level'] = fraction.toFixed(2);
  }
}

/** RMS of a PCM16 frame, in [0, 1]. */
export function frameRms(frame: Int16Array): number {
  let sum = 0;
  for (const sample of frame) sum += sample * sample;
  return Math.sqrt(sum / Math.max(1, frame.length)) / 32768;
}
