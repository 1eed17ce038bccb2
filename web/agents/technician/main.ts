import { agentUiRecord, element, startAgentPage } from '../shared/agent-page.ts';

/**
 * Technician copilot: push-to-talk. The microphone is gated in the page: no
 * frame leaves it unless the big button or the space bar is held.
 */
const record = agentUiRecord({ held: false, framesSent: 0, framesGated: 0, presses: 0 });
const talk = element(
  'button',
  { id: 'talk', type: 'button', 'aria-pressed': 'false' },
  'HOLD TO TALK',
);
const micState = element('p', { id: 'mic-state', 'data-state': 'gated' }, 'MIC GATED');
const panel = element('section', { class: 'ptt-panel' });
panel.append(talk, micState);

const root = document.getElementById('parley') ?? document.body;
const page = startAgentPage(root, {
  allowFrame() {
    if (record.held) record.framesSent += 1;
    else record.framesGated += 1;
    return record.held;
  },
  onMessage(message) {
    if (message.type === 'agent.text' && message.text.startsWith('ALERT')) {
      const lines = root.querySelectorAll(`#log li.agent[data-turn="${message.turnId}"]`);
      for (const line of lines) line.classList.add('alert');
    }
  },
});

function hold(down: boolean): void {
  if (record.held === down) return;
  record.held = down;
  if (down) record.presses += 1;
  talk.setAttribute('aria-pressed', String(down));
  micState.dataset['state'] = down ? 'live' : 'gated';
  micState.textContent = down ? 'MIC LIVE' : 'MIC GATED';
  if (down) page.pttDown();
  else page.pttUp();
}

talk.addEventListener('pointerdown', () => hold(true));
talk.addEventListener('pointerup', () => hold(false));
talk.addEventListener('pointerleave', () => hold(false));
for (const [eventName, down] of [
  ['keydown', true],
  ['keyup', false],
] as const) {
  addEventListener(eventName, (event) => {
    if (event.code !== 'Space' || event.target instanceof HTMLInputElement) return;
    event.preventDefault();
    hold(down);
  });
}
root.prepend(panel);
