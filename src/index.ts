// Parley's public API: the spec types, the conversation, and the building blocks it is made of.
// Providers live under `parley/providers/*`; fakes and the virtual clock under `parley/testing`.
export * from './spec/index.ts';
export * from './conversation/index.ts';
export * from './listen/index.ts';
export * from './speak/index.ts';
export { createToolRegistry, toolOutcomeContent } from './tools/index.ts';
export type { ToolOutcome, ToolRegistry } from './tools/index.ts';
export { LANGUAGE_TABLES, languageTable } from './text/language.ts';
export type { LanguageTable } from './text/language.ts';
export { spokenZeroes } from './text/digits.ts';
export {
  Channel,
  isAbortError,
  systemClock,
  throwIfAborted,
  untilAborted,
} from './stream/index.ts';
// Signed caller claims (docs/security.md): applications mint them, the server verifies them.
export { identityVerifier, signIdentity } from './server/identity-token.ts';
export type { IdentityClaims } from './server/identity-token.ts';
// An agent written as files (prompt.md, tools.ts, …) in the user's own project: `parley init`.
export {
  composeAgent,
  defineTool,
  defineTools,
  loadAgentFromFiles,
  loadAgentsFromDir,
  parsePromptFile,
} from './agent-files/index.ts';
export type {
  AgentParts,
  AgentSetup,
  AgentToolsExport,
  LoadOptions,
  PromptFileAgent,
} from './agent-files/index.ts';
