import { agentUiRecord, element, startAgentPage } from '../shared/agent-page.ts';

/**
 * Support widget: the conversation plus the order's diagnostic checks, in a
 * panel that is always there (no jump mid-conversation): idle, running,
 * done (green) or failed (red — an order that is not found is a failure).
 */
const record = agentUiRecord({
  progress: [] as { fraction: number; label: string; atMs: number }[],
  completed: 0,
  outcomes: [] as ('done' | 'failed')[],
});
const panel = element('section', {
  id: 'diagnostics',
  class: 'diagnostics',
  'data-state': 'idle',
  'aria-labelledby': 'diagnostics-title',
});
const title = element('h2', { id: 'diagnostics-title' }, 'Order diagnostics');
const label = element(
  'p',
  { id: 'diagnostic-label', role: 'status' },
  'No check running. Ask about an order to see its checks here.',
);
const bar = element('div', {
  id: 'diagnostic-bar',
  role: 'progressbar',
  'aria-labelledby': 'diagnostics-title',
  'aria-valuemin': '0',
  'aria-valuemax': '100',
  'aria-valuenow': '0',
});
const fill = element('div', { class: 'fill' });
bar.append(fill);
panel.append(title, bar, label);

function show(fraction: number, text: string): void {
  const percent = Math.round(fraction * 100);
  bar.setAttribute('aria-valuenow', String(percent));
  bar.setAttribute('aria-valuetext', `${percent}%: ${text}`);
  fill.style.width = `${percent}%`;
  label.textContent = text;
  record.progress.push({ fraction, label: text, atMs: performance.now() });
}

const root = document.getElementById('parley') ?? document.body;
const page = startAgentPage(root, {
  onMessage(message) {
    if (message.type === 'tool.call' && message.name === 'get_order_status') {
      panel.dataset['state'] = 'running';
      show(0, "I'm checking on your order now…");
    } else if (message.type === 'tool.progress' && panel.dataset['state'] === 'running') {
      show(message.fraction, message.label ?? message.name);
    } else if (message.type === 'tool.result' && message.name === 'get_order_status') {
      const outcome = message.ok ? 'done' : 'failed';
      panel.dataset['state'] = outcome;
      label.textContent = message.ok
        ? 'All checks done: the order was found.'
        : 'Check failed: that order could not be found or checked.';
      record.completed += 1;
      record.outcomes.push(outcome);
    }
  },
});
page.panels.append(panel);
