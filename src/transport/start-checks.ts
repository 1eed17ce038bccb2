import type { AgentDefinition } from '../spec/agent.ts';
import { ANONYMOUS_CALLER, type CallerIdentity } from '../spec/identity.ts';
import { WIRE_INPUT_SAMPLE_RATE, type ClientMessage, type WireErrorCode } from './messages.ts';
import { sameToken } from './same-token.ts';

export type StartDecision =
  | { readonly ok: true; readonly agent: AgentDefinition; readonly caller: CallerIdentity }
  | {
      readonly ok: false;
      readonly code: WireErrorCode;
      readonly message: string;
      /** A wrong token or identity: a few of these close the socket. */
      readonly wrongTry: boolean;
    };

export interface StartRules {
  readonly findAgent: (id: string) => AgentDefinition | undefined;
  /** When set, the token must match unless the upgrade was `authenticated`. */
  readonly token?: string;
  readonly authenticated?: boolean;
  readonly verifyIdentity?: (identity: string) => CallerIdentity;
}

function refuse(code: WireErrorCode, message: string, wrongTry = false): StartDecision {
  return { ok: false, code, message, wrongTry };
}

/** Decides whether a `session.start` may open a session: token, identity, agent, rate. */
export function checkStart(
  message: Extract<ClientMessage, { type: 'session.start' }>,
  rules: StartRules,
): StartDecision {
  if (
    rules.token !== undefined &&
    rules.authenticated !== true &&
    !sameToken(message.token, rules.token)
  )
    return refuse('unauthorized', 'a valid token is required to start a session', true);
  let caller = ANONYMOUS_CALLER;
  if (message.identity !== undefined) {
    if (!rules.verifyIdentity)
      return refuse('bad-identity', 'this server accepts no signed identity');
    try {
      caller = rules.verifyIdentity(message.identity);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return refuse('bad-identity', `identity refused: ${reason}`, true);
    }
  }
  const agent = rules.findAgent(message.agent);
  if (!agent) return refuse('unknown-agent', `no agent "${message.agent.slice(0, 80)}"`);
  if (message.sampleRate !== WIRE_INPUT_SAMPLE_RATE)
    return refuse(
      'unsupported-sample-rate',
      `audio must be sent at ${WIRE_INPUT_SAMPLE_RATE} Hz, not ${message.sampleRate} Hz`,
    );
  return { ok: true, agent, caller };
}
