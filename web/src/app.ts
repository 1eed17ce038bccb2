import { startAgentPage } from './agent-page.ts';
import { spaceToTalk } from './keys.ts';
import { themePage } from './theme.ts';

/**
 * The generic conversation page: the shared page, plus tool notices and the
 * space bar as push-to-talk for push-to-talk agents.
 */
const root = document.getElementById('parley') ?? document.body;
const page = startAgentPage(root, {
  onMessage(message) {
    if (message.type === 'tool.call') page.transcript.notice(`Using ${message.name}…`);
    else if (message.type === 'tool.progress' && message.fraction >= 1)
      page.transcript.notice(`${message.label ?? message.name}: done`);
  },
});

spaceToTalk(
  () => {
    if (page.call.pushToTalk) page.pttDown();
  },
  () => page.pttUp(),
);

// An agent written as files may bring a theme (ui/theme.css); the page works unthemed without it.
themePage().catch((error: unknown) => console.warn('parley: no theme for this agent', error));
