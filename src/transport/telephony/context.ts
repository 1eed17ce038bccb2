import type { AgentDefinition, CallerIdentity, Clock, Session } from '../../index.ts';
import type { DtmfRule } from './dtmf.ts';

/** What every phone transport needs from the server: agents, sessions, and where to report. */
export interface TelephonyContext {
  readonly findAgent: (id: string) => AgentDefinition | undefined;
  /** The agent a call reaches when it names none. */
  readonly defaultAgentId: string;
  /** A session created the way the browser's are, with the call's caller and output rate. */
  readonly openSession: (
    agent: AgentDefinition,
    options: { readonly caller?: CallerIdentity; readonly outputSampleRate: number },
  ) => Promise<Session>;
  /** The agent's end-of-digits rule for keypad entries. */
  readonly dtmfRuleFor: (agent: AgentDefinition) => DtmfRule;
  readonly clock: Clock;
  readonly onProblem: (message: string, error: unknown) => void;
}

/** A caller identity from a phone number the carrier vouched for (a signed webhook, SIP trunk). */
export function telephonyCaller(phoneNumber: string): CallerIdentity {
  return { verifiedBy: 'telephony', phoneNumber, claims: {} };
}
