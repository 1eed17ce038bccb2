import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AgentUi } from '../spec/agent.ts';
import { ConfigError } from '../spec/errors.ts';
import { DEFAULT_PAGE } from './prompt-file.ts';

/** URL path under which the server serves an agent's `ui/` folder. */
export const agentUiPath = (id: string): string => `/agents/${id}/`;

/**
 * An agent folder's optional `ui/`, served at `/agents/<id>/`: `ui/index.html` is the agent's
 * own page (unless prompt.md names another `page:`), `ui/theme.css` themes the standard page and
 * `<parley-call>`. Other files in `ui/` (scripts, images) are served beside them.
 */
export function uiFromFolder(folder: string, id: string, ui: AgentUi): AgentUi {
  const dir = join(folder, 'ui');
  if (!existsSync(dir)) return ui;
  const page = existsSync(join(dir, 'index.html'));
  const theme = existsSync(join(dir, 'theme.css'));
  if (!page && !theme)
    throw new ConfigError(`${dir} has neither index.html (a page) nor theme.css (a theme)`);
  return {
    ...ui,
    dir,
    ...(page && ui.page === DEFAULT_PAGE && { page: agentUiPath(id) }),
    ...(theme && { theme: `${agentUiPath(id)}theme.css` }),
  };
}
