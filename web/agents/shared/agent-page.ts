/** What an agent's page needs: the shared page wiring from web/src and small helpers. */
export {
  startAgentPage,
  type AgentPage,
  type AgentPageHooks,
  type CallSnapshot,
} from '../../src/agent-page.ts';
export { element } from '../../src/element.ts';
export { spaceToTalk } from '../../src/keys.ts';

/** What the agents' pages record for the browser tests, on `window.parleyAgentUi`. */
export function agentUiRecord<T extends object>(record: T): T {
  (globalThis as unknown as { parleyAgentUi: T }).parleyAgentUi = record;
  return record;
}
