import type { AgentDefinition } from '../spec/agent.ts';
import type { AgentSummary } from './messages.ts';

/** What a browser may know about an agent: never its prompt, tools or script. */
export function summarizeAgent(agent: AgentDefinition): AgentSummary {
  return {
    id: agent.id,
    name: agent.name,
    description: agent.description,
    language: agent.language,
    title: agent.ui.title,
    page: agent.ui.page,
    inputMode: agent.inputMode ?? 'vad',
    ...(agent.ui.accentColor === undefined ? {} : { accentColor: agent.ui.accentColor }),
    ...(agent.ui.theme === undefined ? {} : { theme: agent.ui.theme }),
  };
}
