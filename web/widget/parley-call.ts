// `<parley-call agent="cafe" server="https://voice.example.com">`: a call button any site can
// drop in. Theme it with CSS custom properties: --parley-accent, --parley-text,
// --parley-background, --parley-radius, --parley-font. An agent's own ui/theme.css (served by
// Parley) is added to the element's shadow root when its call starts.
import { connect, type ParleyCall } from '../src/client/index.ts';
import { applyAgentTheme } from '../src/theme.ts';

const STYLE = `
:host { display: inline-block; font: var(--parley-font, 15px system-ui, sans-serif); }
.box { display: flex; gap: .5em; align-items: center; padding: .5em .75em;
  background: var(--parley-background, #fff); color: var(--parley-text, #111);
  border-radius: var(--parley-radius, 999px); border: 1px solid var(--parley-accent, #2563eb); }
button { font: inherit; border: 0; cursor: pointer; padding: .35em .9em;
  border-radius: var(--parley-radius, 999px); background: var(--parley-accent, #2563eb); color: #fff; }
button[hidden] { display: none; }
.line { max-width: 24em; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
`;

export class ParleyCallElement extends HTMLElement {
  static readonly observedAttributes = ['agent', 'server'];
  #call: ParleyCall | undefined;
  readonly #start: HTMLButtonElement;
  readonly #mute: HTMLButtonElement;
  readonly #line: HTMLSpanElement;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.innerHTML = `<style>${STYLE}</style><div class="box" part="box">
      <button part="call" class="call">Call</button>
      <button part="mute" class="mute" hidden>Mute</button>
      <span part="line" class="line" role="status" aria-live="polite"></span></div>`;
    this.#start = root.querySelector('.call') as HTMLButtonElement;
    this.#mute = root.querySelector('.mute') as HTMLButtonElement;
    this.#line = root.querySelector('.line') as HTMLSpanElement;
    this.#start.addEventListener('click', () => void (this.#call ? this.end() : this.start()));
    this.#mute.addEventListener('click', () => {
      if (!this.#call) return;
      this.#call.mute(!this.#call.muted);
      this.#mute.textContent = this.#call.muted ? 'Unmute' : 'Mute';
    });
  }

  /** The call in progress (for `sendText` and events), if any. */
  get call(): ParleyCall | undefined {
    return this.#call;
  }

  async start(): Promise<void> {
    const agent = this.getAttribute('agent');
    if (!agent) throw new Error('<parley-call> needs an agent attribute');
    const server = this.getAttribute('server') ?? new URL(import.meta.url).origin;
    this.#line.textContent = 'Connecting…';
    this.#start.disabled = true;
    try {
      const call = await connect({
        server,
        agent,
        microphone: this.getAttribute('microphone') !== 'off',
        ...(this.getAttribute('token') ? { token: this.getAttribute('token') ?? '' } : {}),
      });
      this.#call = call;
      const token = this.getAttribute('token') ?? undefined;
      if (this.shadowRoot) applyAgentTheme(this.shadowRoot, call.agent, server, token);
      call.on((event) => {
        if (event.type === 'agent.text' || event.type === 'transcript.final')
          this.#line.textContent = event.text;
        this.dispatchEvent(new CustomEvent('parley-event', { detail: event }));
        if (event.type === 'state' && event.state === 'closed') void this.end();
      });
      this.#start.textContent = 'End';
      this.#mute.hidden = false;
      this.#line.textContent = 'Connected';
      this.dispatchEvent(new CustomEvent('parley-ready'));
    } catch (error) {
      this.#line.textContent = 'The call could not start.';
      this.dispatchEvent(new CustomEvent('parley-error', { detail: error }));
    } finally {
      this.#start.disabled = false;
    }
  }

  async end(): Promise<void> {
    const call = this.#call;
    this.#call = undefined;
    this.#start.textContent = 'Call';
    this.#mute.hidden = true;
    this.#mute.textContent = 'Mute';
    await call?.end();
  }

  disconnectedCallback(): void {
    void this.end();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'parley-call': ParleyCallElement;
  }
}

if (!customElements.get('parley-call')) customElements.define('parley-call', ParleyCallElement);
