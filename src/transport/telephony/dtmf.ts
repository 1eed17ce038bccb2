/**
 * Keypad digits as input: digits collect until the agent's end-of-digits rule says the entry is
 * complete (a terminator key, enough digits, or a pause), then the entry reaches the agent as text.
 * Pure: the runner feeds events and carries out the result.
 */
export interface DtmfRule {
  /** Key that ends an entry (not included in it). Default `#`. */
  readonly terminator: string;
  /** An entry this long is complete without a terminator. Default 16. */
  readonly maxDigits: number;
  /** An entry ends after this long with no new key. Default 3000. */
  readonly interDigitTimeoutMs: number;
  /**
   * What a finished entry says to the agent, `{digits}` standing for the keys: e.g.
   * `'My order number is {digits}.'` for an agent that takes order numbers on the keypad.
   * Default: the digits alone.
   */
  readonly entryText?: string;
}

export const DEFAULT_DTMF_RULE: DtmfRule = Object.freeze({
  terminator: '#',
  maxDigits: 16,
  interDigitTimeoutMs: 3_000,
});

export const DTMF_KEYS = '0123456789*#ABCD';

export interface DtmfState {
  readonly digits: string;
  /** When the pending entry ends by itself, if any digits are pending. */
  readonly deadlineMs: number | undefined;
}

export type DtmfEvent =
  | { readonly type: 'key'; readonly key: string; readonly atMs: number }
  | { readonly type: 'deadline'; readonly atMs: number };

export interface DtmfStep {
  readonly state: DtmfState;
  /** A finished entry to hand to the agent. */
  readonly entry?: string;
}

export const EMPTY_DTMF: DtmfState = Object.freeze({ digits: '', deadlineMs: undefined });

export function stepDtmf(rule: DtmfRule, state: DtmfState, event: DtmfEvent): DtmfStep {
  if (event.type === 'deadline') {
    if (state.deadlineMs === undefined || event.atMs < state.deadlineMs) return { state };
    return finish(state.digits);
  }
  if (!DTMF_KEYS.includes(event.key) || event.key.length !== 1) return { state };
  if (event.key === rule.terminator) return finish(state.digits);
  const digits = state.digits + event.key;
  if (digits.length >= rule.maxDigits) return finish(digits);
  return { state: { digits, deadlineMs: event.atMs + rule.interDigitTimeoutMs } };
}

function finish(digits: string): DtmfStep {
  return digits === '' ? { state: EMPTY_DTMF } : { state: EMPTY_DTMF, entry: digits };
}

/** The text a finished entry reaches the agent as, by the rule's `entryText`. */
export function entryText(rule: DtmfRule, digits: string): string {
  return rule.entryText === undefined ? digits : rule.entryText.replaceAll('{digits}', digits);
}
