// Parley's public API: the spec types, the session, and the building blocks it is made of.
// Providers live under `parley/providers/*`; fakes and the virtual clock under `parley/testing`.
export * from './spec/index.ts';
export { createSession } from './session/index.ts';
export type { Session, SessionListener, SessionModels, SessionOptions } from './session/index.ts';
export { createToolRegistry, toolOutcomeContent } from './tools/index.ts';
export type { ToolOutcome, ToolRegistry } from './tools/index.ts';
export * from './turn/index.ts';
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
