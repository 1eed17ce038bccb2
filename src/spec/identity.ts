/**
 * Who is on the other end of a session, as far as Parley can tell. Tools receive it in their
 * context and enforce ownership with it; an anonymous caller has no subject.
 */
export interface CallerIdentity {
  /** How the identity was established. */
  readonly verifiedBy: 'signed-claims' | 'telephony' | 'anonymous';
  /** The application's own user id, from claims it signed. */
  readonly subject?: string;
  /** A verified phone number (E.164), from telephony. */
  readonly phoneNumber?: string;
  /** Further claims the application signed (e.g. `customerId`, `postcode`). */
  readonly claims: Readonly<Record<string, string>>;
}

export const ANONYMOUS_CALLER: CallerIdentity = Object.freeze({
  verifiedBy: 'anonymous',
  claims: Object.freeze({}),
});
