import { element } from '../element.ts';
import { heardTokenCount, tokensCoveredBy } from './reveal.ts';

/**
 * One agent reply in the transcript. Its words appear as they are heard, never
 * before; an interruption cuts it at the last heard word. Each sentence is
 * handed to `announce` once, after it has been heard. An alert reply (safety)
 * is shown whole at once and announced with `role=alert`.
 */
export class ReplyLine {
  readonly item: HTMLLIElement;
  readonly #said = element('span', { class: 'said' });
  readonly #tokens: string[] = [];
  /** Token index just after each sentence (`agent.text`). */
  readonly #sentenceEnds: number[] = [];
  readonly #wordStartsMs: number[] = [];
  readonly #announce: (text: string) => void;
  #shown = 0;
  #announcedSentences = 0;
  #announcedTokens = 0;
  #final = false;
  #alert = false;
  /** The text so far comes from `agent.word` (no `agent.text` yet). */
  #fromWords = false;

  constructor(turnKey: string, labels: { agent: string }, announce: (text: string) => void) {
    this.#announce = announce;
    this.item = element('li', { class: 'agent pending', 'data-turn': turnKey });
    this.item.append(element('span', { class: 'sr-only' }, `${labels.agent}: `), this.#said);
  }

  get text(): string {
    return this.#tokens.slice(0, this.#shown).join(' ');
  }

  get fullText(): string {
    return this.#tokens.join(' ');
  }

  addSentence(text: string): void {
    if (this.#fromWords) {
      this.#fromWords = false; // the written text wins over the spoken words
      this.#tokens.length = 0;
      this.#sentenceEnds.length = 0;
    }
    this.#tokens.push(...text.split(/\s+/).filter(Boolean));
    this.#sentenceEnds.push(this.#tokens.length);
    if (this.#alert) this.#show(this.#tokens.length);
  }

  /**
   * A spoken word's timing. Should a reply's text never arrive (a greeting sent
   * before the page subscribed), the spoken words themselves are its text.
   */
  addWordTiming(startMs: number, word: string): void {
    this.#wordStartsMs.push(startMs);
    if (this.#sentenceEnds.length > 0 && !this.#fromWords) return;
    this.#fromWords = true;
    this.#tokens.push(word);
    this.#sentenceEnds[0] = this.#tokens.length;
  }

  /** Safety alerts are shown whole, at once, and announced assertively. */
  makeAlert(): void {
    if (this.#alert) return;
    this.#alert = true;
    this.item.classList.add('alert');
    this.#said.setAttribute('role', 'alert'); // inside the <li>, which must stay a list item
    this.#show(this.#tokens.length);
  }

  played(playedMs: number): void {
    if (this.#final || this.#alert) return;
    const heard = heardTokenCount(
      { tokens: this.#tokens, wordStartsMs: this.#wordStartsMs },
      playedMs,
    );
    if (heard > this.#shown) this.#show(heard);
  }

  /** All of the reply's audio played. */
  finished(): void {
    if (this.#final) return;
    this.#show(this.#tokens.length);
  }

  /** Cut at the server's heard text; the unheard rest is never shown. */
  interrupted(heardText: string, tag: string): void {
    if (this.#final) return;
    this.#final = true;
    this.item.classList.add('interrupted');
    this.item.dataset['heard'] = heardText;
    const covered = this.#alert ? this.#tokens.length : tokensCoveredBy(this.#tokens, heardText);
    this.#render(Math.min(covered, this.#tokens.length));
    this.#said.after(element('span', { class: 'tag' }, tag));
    const rest = this.#tokens.slice(this.#announcedTokens, this.#shown).join(' ');
    if (rest && !this.#alert) this.#announce(`${rest}… (${tag})`);
    this.#announcedTokens = this.#shown;
  }

  #show(count: number): void {
    this.#render(Math.max(this.#shown, Math.min(count, this.#tokens.length)));
  }

  #render(shown: number): void {
    this.#shown = shown;
    this.#said.textContent = this.text;
    this.item.classList.toggle('pending', this.#shown === 0);
    if (this.#alert) return; // role=alert announces itself
    while (
      this.#announcedSentences < this.#sentenceEnds.length &&
      (this.#sentenceEnds[this.#announcedSentences] ?? Infinity) <= this.#shown
    ) {
      const end = this.#sentenceEnds[this.#announcedSentences] ?? this.#shown;
      this.#announce(this.#tokens.slice(this.#announcedTokens, end).join(' '));
      this.#announcedTokens = end;
      this.#announcedSentences += 1;
    }
  }
}
