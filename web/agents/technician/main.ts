import { agentUiRecord, element, spaceToTalk, startAgentPage } from '../shared/agent-page.ts';

/**
 * Technician copilot: push-to-talk, glove- and keyboard-friendly. The microphone
 * is gated in the page: no frame leaves it unless the big button (pointer,
 * Space or Enter on it) or the space bar elsewhere is held — and the button
 * only works once the microphone is really open. Safety alerts are shown whole
 * and announced (`role=alert`), even when cut off.
 */
const record = agentUiRecord({ held: false, framesSent: 0, framesGated: 0, presses: 0 });
const talk = element('button', {
  id: 'talk',
  type: 'button',
  'aria-pressed': 'false',
  'aria-describedby': 'mic-state',
  disabled: '',
});
talk.textContent = 'HOLD TO TALK';
const micState = element('p', { id: 'mic-state', 'data-state': 'off' }, 'MIC OFF: start the call');
const panel = element('section', { class: 'ptt-panel', 'aria-label': 'Push to talk' });
panel.append(talk, micState);

const root = document.getElementById('parley') ?? document.body;
const page = startAgentPage(root, {
  allowFrame() {
    if (record.held) record.framesSent += 1;
    else record.framesGated += 1;
    return record.held;
  },
  isAlert: (text) => /^ALERT\b/.test(text),
  onCall(call) {
    const ready = call.micOpen && !call.muted && call.phase !== 'ended' && call.phase !== 'failed';
    talk.disabled = !ready;
    if (!ready && record.held) hold(false);
    if (!record.held) showMic(ready ? 'gated' : 'off', call.muted);
  },
});

function showMic(state: 'off' | 'gated' | 'live', muted = false): void {
  micState.dataset['state'] = state;
  micState.textContent =
    state === 'live'
      ? 'MIC LIVE'
      : state === 'gated'
        ? 'MIC GATED'
        : muted
          ? 'MIC MUTED'
          : 'MIC OFF: start the call';
}

function hold(down: boolean): void {
  if (record.held === down) return;
  if (down && !page.pttDown()) return; // the microphone is not open: nothing to send
  record.held = down;
  if (down) record.presses += 1;
  else page.pttUp();
  talk.setAttribute('aria-pressed', String(down));
  showMic(down ? 'live' : talk.disabled ? 'off' : 'gated');
}

talk.addEventListener('pointerdown', () => hold(true));
talk.addEventListener('pointerup', () => hold(false));
talk.addEventListener('pointerleave', () => hold(false));
talk.addEventListener('keydown', (event) => {
  if (event.key !== 'Enter' || event.repeat) return;
  event.preventDefault();
  hold(true);
});
talk.addEventListener('keyup', (event) => {
  if (event.key === 'Enter') hold(false);
});
spaceToTalk(
  () => hold(true),
  () => hold(false),
  talk,
);
page.composer.ptt.remove(); // the big button replaces the small one
page.panels.append(panel);
