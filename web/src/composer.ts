import type { Strings } from './call/strings.ts';
import { element } from './element.ts';

export interface ComposerActions {
  sendText(text: string): void;
  pttDown(): void;
  pttUp(): void;
}

/** The text box (with a visible label), Send, and the generic page's push-to-talk button. */
export class Composer {
  readonly element = element('form', { id: 'text-form', class: 'composer' });
  readonly input = element('input', { id: 'text', type: 'text', autocomplete: 'off' });
  readonly ptt: HTMLButtonElement;

  constructor(strings: Strings, actions: ComposerActions) {
    const label = element('label', { for: 'text' }, strings.message);
    const row = element('div', { class: 'composer-row' });
    row.append(this.input, element('button', { type: 'submit' }, strings.send));
    this.ptt = element('button', { id: 'ptt', type: 'button', hidden: '', disabled: '' });
    this.ptt.textContent = strings.holdToTalk;
    this.element.append(this.ptt, label, row);
    this.element.addEventListener('submit', (event) => {
      event.preventDefault();
      const text = this.input.value.trim();
      if (text.length === 0) return;
      this.input.value = '';
      actions.sendText(text.slice(0, 2000));
    });
    this.ptt.addEventListener('pointerdown', () => actions.pttDown());
    this.ptt.addEventListener('pointerup', () => actions.pttUp());
    this.ptt.addEventListener('pointerleave', () => actions.pttUp());
    this.ptt.addEventListener('keydown', (event) => {
      if ((event.key === ' ' || event.key === 'Enter') && !event.repeat) {
        event.preventDefault();
        actions.pttDown();
      }
    });
    this.ptt.addEventListener('keyup', (event) => {
      if (event.key === ' ' || event.key === 'Enter') actions.pttUp();
    });
  }

  /** Push-to-talk shown for push-to-talk agents, enabled only while the mic is really open. */
  setPushToTalk(shown: boolean, micOpen: boolean): void {
    this.ptt.hidden = !shown;
    this.ptt.disabled = !micOpen;
  }

  setHeld(held: boolean): void {
    this.ptt.setAttribute('aria-pressed', String(held));
  }
}
