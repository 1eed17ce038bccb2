import type { TurnMetrics } from '../../src/spec/metrics.ts';
import { element } from './element.ts';

const METRIC_COLUMNS: readonly [keyof TurnMetrics | 'heardMs', string][] = [
  ['endpointingMs', 'endpointing'],
  ['sttFinalMs', 'STT final'],
  ['llmFirstTokenMs', 'LLM first token'],
  ['ttsFirstAudioMs', 'TTS first audio'],
  ['firstAudioMs', 'first audio'],
  ['heardMs', 'heard'],
  ['interruptMs', 'interrupt'],
];

export interface ViewActions {
  start(): void;
  sendText(text: string): void;
  pttDown(): void;
  pttUp(): void;
}

/** The conversation page: state, transcript, agent words, latency table, text input. */
export class ConversationView {
  readonly #title = element('h1');
  readonly #status = element('p', { id: 'status', role: 'status' }, 'not connected');
  readonly #startButton = element('button', { id: 'start', type: 'button' }, 'Start conversation');
  readonly #pttButton = element(
    'button',
    { id: 'ptt', type: 'button', hidden: '' },
    'Hold to talk',
  );
  readonly #log = element('ol', { id: 'log', 'aria-live': 'polite' });
  readonly #interim = element('p', { id: 'interim', class: 'interim' });
  readonly #metricsBody = element('tbody');
  readonly #textInput = element('input', {
    id: 'text',
    type: 'text',
    placeholder: 'Type a message',
    autocomplete: 'off',
  });
  readonly #agentLines = new Map<number, HTMLLIElement>();
  readonly #metricRows = new Map<number, HTMLTableRowElement>();

  constructor(root: HTMLElement, title: string, actions: ViewActions) {
    this.#title.textContent = title;
    const form = element('form', { id: 'text-form' });
    form.append(this.#textInput, element('button', { type: 'submit' }, 'Send'));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const text = this.#textInput.value.trim();
      if (text.length === 0) return;
      this.#textInput.value = '';
      actions.sendText(text);
    });
    this.#startButton.addEventListener('click', () => actions.start());
    this.#pttButton.addEventListener('pointerdown', () => actions.pttDown());
    this.#pttButton.addEventListener('pointerup', () => actions.pttUp());
    this.#pttButton.addEventListener('pointerleave', () => actions.pttUp());
    const table = element('table', { id: 'metrics' });
    const head = element('tr');
    head.append(
      element('th', {}, 'turn'),
      ...METRIC_COLUMNS.map(([, label]) => element('th', {}, `${label} (ms)`)),
    );
    table.append(element('thead'), this.#metricsBody);
    table.tHead?.append(head);
    root.append(
      this.#title,
      this.#status,
      element('div', { class: 'controls' }),
      this.#log,
      this.#interim,
      form,
      element('h2', {}, 'Latency per turn'),
      table,
    );
    root.querySelector('.controls')?.append(this.#startButton, this.#pttButton);
  }

  setTitle(title: string): void {
    const heading = this.#title;
    heading.textContent = title;
    document.title = title;
  }

  setStatus(text: string, state: string): void {
    this.#status.textContent = text;
    this.#status.dataset['state'] = state;
    this.#startButton.hidden = state !== 'idle' && state !== 'closed';
  }

  showPushToTalk(show: boolean): void {
    this.#pttButton.hidden = !show;
  }

  interim(text: string): void {
    this.#interim.textContent = text;
  }

  userSaid(text: string): void {
    this.#interim.textContent = '';
    this.#append(element('li', { class: 'user' }, text));
  }

  agentSaid(turnId: number, text: string): void {
    let line = this.#agentLines.get(turnId);
    if (!line) {
      line = element('li', { class: 'agent', 'data-turn': String(turnId) });
      this.#agentLines.set(turnId, line);
      this.#append(line);
    }
    line.textContent = `${line.textContent ?? ''} ${text}`.trim();
  }

  /** Marks a cut-off reply: the heard start stays, the rest is struck through. */
  agentInterrupted(turnId: number, heardText: string): void {
    const line = this.#agentLines.get(turnId);
    if (!line) return;
    const full = line.textContent ?? '';
    const heard = full.startsWith(heardText) ? heardText : '';
    line.classList.add('interrupted');
    line.dataset['heard'] = heardText;
    line.replaceChildren(
      document.createTextNode(heard),
      element('s', { class: 'unheard' }, full.slice(heard.length)),
    );
  }

  notice(text: string): void {
    this.#append(element('li', { class: 'notice' }, text));
  }

  metrics(
    turnId: number,
    figures: Partial<Record<(typeof METRIC_COLUMNS)[number][0], unknown>>,
  ): void {
    let row = this.#metricRows.get(turnId);
    if (!row) {
      row = element('tr', { 'data-turn': String(turnId) });
      row.append(
        element('td', {}, String(turnId)),
        ...METRIC_COLUMNS.map(([key]) => element('td', { 'data-key': key }, '–')),
      );
      this.#metricRows.set(turnId, row);
      this.#metricsBody.append(row);
    }
    for (const [key, value] of Object.entries(figures)) {
      const cell = row.querySelector(`td[data-key="${key}"]`);
      if (cell && typeof value === 'number') cell.textContent = String(Math.round(value));
    }
  }

  #append(item: HTMLElement): void {
    this.#log.append(item);
    item.scrollIntoView({ block: 'end' });
  }
}
