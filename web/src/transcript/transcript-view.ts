import type { TurnMetrics } from '../../../src/spec/metrics.ts';
import { LatencyView } from '../call/latency-view.ts';
import type { Strings } from '../call/strings.ts';
import { element } from '../element.ts';
import { ReplyLine } from './reply-line.ts';
import { stableWords } from './stable-interim.ts';

/**
 * The transcript: user lines, agent replies revealed as heard, fillers on their
 * own muted line, notices and session dividers. Not a live region itself: one
 * hidden live region announces each agent sentence once, after it is heard.
 */
export class TranscriptView {
  readonly element = element('section', { class: 'transcript-panel' });
  readonly #log: HTMLOListElement;
  readonly #interim = element('p', { id: 'interim', class: 'interim', 'aria-hidden': 'true' });
  readonly #announcer = element('div', {
    id: 'announcer',
    class: 'sr-only',
    'aria-live': 'polite',
  });
  readonly #replies = new Map<string, ReplyLine>();
  readonly #latency = new Map<string, LatencyView>();
  readonly #strings: Strings;
  readonly #language: 'en' | 'es';
  #lastInterim = '';

  constructor(strings: Strings, language: 'en' | 'es') {
    this.#strings = strings;
    this.#language = language;
    this.#log = element('ol', { id: 'log', 'aria-label': strings.transcript });
    const heading = element('h2', { class: 'sr-only' }, strings.transcript);
    this.element.append(heading, this.#log, this.#interim, this.#announcer);
  }

  /** The reply line of a turn, made on first use. */
  reply(turnKey: string): ReplyLine {
    let line = this.#replies.get(turnKey);
    if (!line) {
      line = new ReplyLine(turnKey, { agent: this.#strings.agent }, (text) => this.announce(text));
      this.#replies.set(turnKey, line);
      this.#append(line.item);
    }
    return line;
  }

  existingReply(turnKey: string): ReplyLine | undefined {
    return this.#replies.get(turnKey);
  }

  /** A turn's latency, under its reply (a turn with no reply line has nothing to show it under). */
  latency(turnKey: string, figures: Partial<TurnMetrics> & { heardMs?: number }): void {
    const line = this.#replies.get(turnKey);
    if (!line) return;
    let view = this.#latency.get(turnKey);
    if (!view) {
      view = new LatencyView(this.#strings, this.#language);
      this.#latency.set(turnKey, view);
      line.item.append(view.element);
    }
    view.update(figures);
  }

  /** An interim shows only the words two interims in a row agreed on. */
  interim(text: string): void {
    const stable = stableWords(this.#lastInterim, text);
    this.#lastInterim = text;
    this.#interim.textContent = stable ? `${stable}…` : '';
  }

  clearInterim(): void {
    this.#lastInterim = '';
    this.#interim.textContent = '';
  }

  userSaid(text: string, options: { queued?: boolean } = {}): HTMLLIElement {
    this.clearInterim();
    const item = element('li', { class: options.queued ? 'user queued' : 'user' });
    item.append(element('span', { class: 'sr-only' }, `${this.#strings.you}: `), text);
    if (options.queued) item.append(element('span', { class: 'tag' }, this.#strings.queued));
    this.#append(item);
    return item;
  }

  filler(text: string): void {
    this.#append(element('li', { class: 'filler' }, text));
  }

  notice(text: string, kind: 'notice' | 'problem' = 'notice'): void {
    this.#append(element('li', { class: kind }, text));
  }

  divider(text: string): void {
    this.#append(element('li', { class: 'divider' }, text));
  }

  /** Hands text to the hidden live region; old entries are dropped. */
  announce(text: string): void {
    if (!text) return;
    this.#announcer.append(element('p', {}, text));
    while (this.#announcer.childElementCount > 4) this.#announcer.firstElementChild?.remove();
  }

  #append(item: HTMLElement): void {
    this.#log.append(item);
    item.scrollIntoView({ block: 'nearest' });
  }
}
