import { element } from '../element.ts';
import type { CallPhase } from './call-state.ts';
import { LevelMeter } from './level-meter.ts';
import type { Strings } from './strings.ts';

export interface HeaderActions {
  start(): void;
  end(): void;
  toggleMute(): void;
}

/**
 * The call header: title, one state in words with a coloured dot, the two level
 * meters, and the controls that make sense in that state. Important changes
 * (connected, reconnecting, ended, failed, muted) go to a polite status region;
 * speaking turns do not, so a screen reader is not talked over.
 */
export class HeaderView {
  readonly element = element('header', { class: 'call-header', 'data-phase': 'idle' });
  readonly mic: LevelMeter;
  readonly agent: LevelMeter;
  readonly #title = element('h1', { id: 'title' });
  readonly #phase = element('strong', { id: 'phase' });
  readonly #detail = element('span', { id: 'status-detail' });
  readonly #status = element('p', { id: 'status' });
  readonly #live = element('p', { id: 'call-announcer', class: 'sr-only', role: 'status' });
  readonly #start = element('button', { id: 'start', type: 'button', class: 'primary' });
  readonly #mute = element('button', { id: 'mute', type: 'button', 'aria-pressed': 'false' });
  readonly #end = element('button', { id: 'end-call', type: 'button', class: 'danger' });
  readonly #back = element('a', { id: 'back', href: './', class: 'button-link' });
  readonly #levels = element('div', { class: 'levels' });
  readonly #strings: Strings;
  #phaseNow: CallPhase = 'idle';
  #muted = false;

  constructor(title: string, strings: Strings, actions: HeaderActions) {
    this.#strings = strings;
    this.#title.textContent = title;
    this.mic = new LevelMeter('mic-level', strings.micLevel);
    this.agent = new LevelMeter('agent-level', strings.agentLevel);
    this.#mute.textContent = strings.mute;
    this.#end.textContent = strings.endCall;
    this.#back.textContent = strings.backToAgents;
    this.#start.addEventListener('click', () => actions.start());
    this.#end.addEventListener('click', () => actions.end());
    this.#mute.addEventListener('click', () => actions.toggleMute());
    this.#status.append(
      element('span', { class: 'dot', 'aria-hidden': 'true' }),
      this.#phase,
      ' ',
      this.#detail,
    );
    this.#levels.append(this.mic.element, this.agent.element);
    const actionsRow = element('div', { class: 'call-actions' });
    actionsRow.append(this.#start, this.#mute, this.#end, this.#back);
    this.element.append(this.#title, this.#status, this.#levels, actionsRow, this.#live);
  }

  setTitle(title: string): void {
    this.#title.textContent = title;
  }

  show(phase: CallPhase, detail: string, options: { canStart: boolean; micOpen: boolean }): void {
    const changed = phase !== this.#phaseNow;
    this.#phaseNow = phase;
    this.element.dataset['phase'] = phase;
    this.#phase.textContent = this.#strings.phase[phase];
    this.#detail.textContent = this.#muted && isLive(phase) ? this.#strings.muted : detail;
    const over = phase === 'idle' || phase === 'ended' || phase === 'failed';
    this.#start.hidden = !over || !options.canStart;
    this.#start.textContent =
      phase === 'idle'
        ? this.#strings.start
        : phase === 'failed'
          ? this.#strings.retry
          : this.#strings.callAgain;
    this.#end.hidden = over;
    this.#levels.hidden = over;
    this.#mute.hidden = over || !options.micOpen;
    this.#back.hidden = phase !== 'failed' && phase !== 'ended' && options.canStart;
    if (changed && ANNOUNCED.includes(phase))
      this.#live.textContent = `${this.#strings.phase[phase]}. ${detail}`.trim();
  }

  /** Updates the detail line without changing the phase (a countdown, a hint). */
  detail(text: string): void {
    this.#detail.textContent = text;
  }

  /** A one-off message (push-to-talk feedback): shown in the detail line and announced. */
  say(text: string): void {
    this.#detail.textContent = text;
    this.#live.textContent = text;
  }

  setMuted(muted: boolean): void {
    this.#muted = muted;
    this.#mute.setAttribute('aria-pressed', String(muted));
    this.#mute.textContent = muted ? this.#strings.unmute : this.#strings.mute;
    this.element.dataset['muted'] = String(muted);
    if (isLive(this.#phaseNow)) this.#detail.textContent = muted ? this.#strings.muted : '';
    this.#live.textContent = muted ? this.#strings.muted : this.#strings.phase[this.#phaseNow];
  }

  focusStart(): void {
    if (!this.#start.hidden) this.#start.focus();
  }
}

const ANNOUNCED: readonly CallPhase[] = ['connecting', 'reconnecting', 'ended', 'failed'];

function isLive(phase: CallPhase): boolean {
  return !['idle', 'ended', 'failed', 'connecting', 'reconnecting'].includes(phase);
}
