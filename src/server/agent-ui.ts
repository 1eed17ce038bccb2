import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AgentDefinition } from '../spec/agent.ts';
import { serveStatic } from './static-files.ts';

const PREFIX = '/agents/';

/**
 * Serves an agent's own `ui/` folder (its page, theme and assets) at `/agents/<id>/…`; false
 * when the path is not under an agent with one (the caller answers, e.g. with a 404).
 * `/agents/<id>` is redirected to `/agents/<id>/` so the page's relative links resolve.
 */
export async function serveAgentUi(
  agents: ReadonlyMap<string, AgentDefinition>,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<boolean> {
  if (!url.pathname.startsWith(PREFIX)) return false;
  const rest = url.pathname.slice(PREFIX.length);
  const slash = rest.indexOf('/');
  const id = slash < 0 ? rest : rest.slice(0, slash);
  const dir = agents.get(id)?.ui.dir;
  if (dir === undefined) return false;
  if (slash < 0) {
    response.writeHead(308, { location: `${PREFIX}${id}/${url.search}` }).end();
    return true;
  }
  await serveStatic(dir, request, response, rest.slice(slash));
  return true;
}
