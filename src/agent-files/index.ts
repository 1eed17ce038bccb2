export {
  defineTool,
  loadAgentFromFiles,
  loadAgentsFromDir,
  type LoadOptions,
} from './load-agent.ts';
export { composeAgent, type AgentParts } from './compose.ts';
export { defineTools, type AgentSetup, type AgentToolsExport } from './setup.ts';
export { parsePromptFile, type PromptFileAgent } from './prompt-file.ts';
