export { defineTool, loadAgentFromFiles, loadAgentsFromDir } from './load-agent.ts';
export { parsePromptFile, type PromptFileAgent } from './prompt-file.ts';
