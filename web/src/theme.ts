import type { AgentSummary } from '../../src/transport/messages.ts';

/**
 * Adds an agent's stylesheet (its `ui/theme.css`, served by Parley) to `parent` — the page's
 * head, or a `<parley-call>`'s shadow root. `server` is the Parley origin; `token` is passed on
 * because a stylesheet request from another origin carries no cookie. Once per parent.
 */
export function applyAgentTheme(
  parent: ParentNode,
  agent: Pick<AgentSummary, 'theme'>,
  server: string | URL,
  token?: string,
): void {
  if (agent.theme === undefined || parent.querySelector('link[data-parley-theme]')) return;
  const href = new URL(agent.theme, server);
  if (token) href.searchParams.set('token', token);
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href.href;
  link.dataset['parleyTheme'] = '';
  parent.append(link);
}

/** The page's agent (`?agent=`) from `/api/agents`, for its theme before the call starts. */
export async function themePage(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const id = params.get('agent') ?? document.body.dataset['agent'];
  if (!id) return;
  const response = await fetch('/api/agents');
  if (!response.ok) throw new Error(`GET /api/agents answered HTTP ${response.status}`);
  const agent = ((await response.json()) as AgentSummary[]).find((a) => a.id === id);
  if (agent) applyAgentTheme(document.head, agent, location.origin);
}
