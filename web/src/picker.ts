import type { AgentSummary } from '../../src/transport/messages.ts';

/** The agent picker: one card per agent, linking to its page. */
async function loadAgents(): Promise<AgentSummary[]> {
  let response: Response;
  try {
    response = await fetch('/api/agents');
  } catch (error) {
    throw new PickerError('Can’t reach the Parley server. Check that it is running.', error);
  }
  if (!response.ok)
    throw new PickerError(`The server could not list its agents (HTTP ${response.status}).`);
  try {
    return (await response.json()) as AgentSummary[];
  } catch (error) {
    throw new PickerError(
      'The server answered with something that is not a list of agents.',
      error,
    );
  }
}

class PickerError extends Error {
  override readonly name = 'PickerError';
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
  }
}

async function main(list: HTMLElement): Promise<void> {
  const agents = await loadAgents();
  const token = new URLSearchParams(location.search).get('token');
  for (const agent of agents) {
    const query = new URLSearchParams({ agent: agent.id, ...(token ? { token } : {}) });
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = `${agent.page}?${query.toString()}`;
    link.textContent = agent.title;
    link.lang = agent.language;
    const description = document.createElement('p');
    description.textContent = agent.description;
    item.append(link, description);
    list.append(item);
  }
  if (agents.length === 0) list.textContent = 'No agents are configured on this server.';
}

const list = document.getElementById('agents');
if (list) {
  main(list).catch((error: unknown) => {
    const problem = document.createElement('p');
    problem.className = 'problem';
    problem.setAttribute('role', 'alert');
    problem.textContent =
      error instanceof PickerError ? error.message : 'Something went wrong loading the agents.';
    list.replaceWith(problem);
    console.error(error);
  });
}
