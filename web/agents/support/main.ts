import { agentUiRecord, element, startAgentPage } from '../shared/agent-page.ts';

/** Support widget: the conversation plus a live bar of the order's diagnostic checks. */
const record = agentUiRecord({
  progress: [] as { fraction: number; label: string; atMs: number }[],
  completed: 0,
});
const panel = element('section', { id: 'diagnostics', class: 'diagnostics', hidden: '' });
const label = element('p', { id: 'diagnostic-label' }, 'Ready.');
const bar = element('div', {
  id: 'diagnostic-bar',
  role: 'progressbar',
  'aria-valuemin': '0',
  'aria-valuemax': '100',
  'aria-valuenow': '0',
});
const fill = element('div', { class: 'fill' });
bar.append(fill);
panel.append(element('h2', {}, 'Order diagnostics'), bar, label);

function show(fraction: number, text: string): void {
  const percent = Math.round(fraction * 100);
  bar.setAttribute('aria-valuenow', String(percent));
  fill.style.width = `${percent}%`;
  label.textContent = text;
  record.progress.push({ fraction, label: text, atMs: performance.now() });
}

const root = document.getElementById('parley') ?? document.body;
startAgentPage(root, {
  onMessage(message) {
    if (message.type === 'tool.call' && message.name === 'get_order_status') {
      panel.hidden = false;
      panel.dataset['state'] = 'running';
      show(0, "I'm checking on your order now…");
    } else if (message.type === 'tool.progress') {
      show(message.fraction, message.label ?? message.name);
    } else if (message.type === 'tool.result' && message.name === 'get_order_status') {
      panel.dataset['state'] = message.ok ? 'done' : 'failed';
      record.completed += 1;
    }
  },
});
root.prepend(panel);
