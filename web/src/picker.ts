import type { AgentSummary } from '../../src/transport/messages.ts';

/** The agent picker: one card per agent, linking to its page. */
async function main(): Promise<void> {
  const list = document.getElementById('agents');
  if (!list) return;
  const response = await fetch('/api/agents');
  const agents = (await response.json()) as AgentSummary[];
  const token = new URLSearchParams(location.search).get('token');
  for (const agent of agents) {
    const query = new URLSearchParams({ agent: agent.id, ...(token ? { token } : {}) });
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = `${agent.page}?${query.toString()}`;
    link.textContent = agent.title;
    const description = document.createElement('p');
    description.textContent = `${agent.description} (${agent.language})`;
    item.append(link, description);
    list.append(item);
  }
  if (agents.length === 0) list.textContent = 'No agents are configured.';
}

main().catch((error: unknown) => {
  const list = document.getElementById('agents');
  if (list) list.textContent = `Could not load the agents: ${String(error)}`;
});
