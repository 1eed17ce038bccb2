import { ToolError } from '../../spec/errors.ts';
import type { CallerIdentity } from '../../spec/identity.ts';
import type { OrderRow } from './store.ts';

/** Postcodes that fail to match, per session, before the agent stops checking. */
export const MAX_POSTCODE_FAILURES = 3;

export type OrderAccess =
  | { readonly kind: 'owner' | 'postcode-matches'; readonly order: OrderRow }
  | { readonly kind: 'needs-postcode' | 'wrong-postcode' | 'locked' };

/** Digits spaced out so text-to-speech reads "4 5 7 1", not "four thousand …". */
export function spoken(digits: string): string {
  return digits.split('').join(' ');
}

export function normalPostcode(value: string): string {
  return value.replace(/[\s-]/g, '').toUpperCase();
}

/**
 * Who may see or refund an order: its owner (signed claims `customerId`), or a caller
 * whose postcode, given in this session, is the order's. An unknown order answers
 * exactly like a stranger's, so order numbers cannot be enumerated.
 */
export function decideOrderAccess(input: {
  readonly order: OrderRow | undefined;
  readonly caller: CallerIdentity;
  readonly check: { readonly postcode: string; readonly failures: number };
}): OrderAccess {
  const { order, caller, check } = input;
  const customerId = caller.claims['customerId'];
  if (order && customerId !== undefined && customerId === order.customer_id)
    return { kind: 'owner', order };
  if (check.failures >= MAX_POSTCODE_FAILURES) return { kind: 'locked' };
  if (check.postcode === '') return { kind: 'needs-postcode' };
  if (order && order.postcode !== '' && normalPostcode(order.postcode) === check.postcode)
    return { kind: 'postcode-matches', order };
  return { kind: 'wrong-postcode' };
}

/** The refusal the caller hears (and the LLM reads), for each way access can fail. */
export function accessRefusal(
  access: Exclude<OrderAccess, { order: OrderRow }>,
  orderId: string,
  toolName: string,
): ToolError {
  const id = spoken(orderId);
  switch (access.kind) {
    case 'needs-postcode':
      return new ToolError(
        `For your security, I need the postcode on order ${id} first. Please say "my postcode is", then the postcode, and ask me again.`,
        toolName,
      );
    case 'wrong-postcode':
      return new ToolError(
        `The postcode you gave does not match order ${id}. Please check the order number, or tell me the postcode again.`,
        toolName,
      );
    case 'locked':
      return new ToolError(
        `I can't verify order ${id} in this call after several tries. A human colleague can help you with it.`,
        toolName,
      );
  }
}
